using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bench.Shared;
using Dapper;
using Fund.Core.Employers;
using Fund.Data;
using Fund.Data.Employers;
using Fund.Data.Migrations;
using Fund.Data.Security;
using Fund.Data.Seed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonthEnd;
using Wechat.Handlers.Protocol;
using static Bench.Shared.LoadRun;

// 汇缴日, the month-end peak, as one command (bench/month-end.sh runs it; usage in bench/README.md): a fresh set of
// employers remits through the employer hall's own code path while the host's outbox sends every 到账 notice to a
// WeChat stand-in under pressure and citizens chat and read statements at a steady rate. Exits 1 when a verdict fails.
var hostDll = Path.GetFullPath(Arg(args, "--host-dll", "src/Wechat.Host/bin/Release/net10.0/Wechat.Host.dll"));
var hostPort = int.Parse(Arg(args, "--host-port", "5731"));
var standInPort = int.Parse(Arg(args, "--standin-port", "5738"));
var employers = int.Parse(Arg(args, "--employers", "1000"));
var perEmployer = int.Parse(Arg(args, "--per-employer", "300"));
var remitConcurrency = int.Parse(Arg(args, "--remit-concurrency", "4"));
var chatRate = double.Parse(Arg(args, "--chat-rate", "200"));
var pageRate = double.Parse(Arg(args, "--page-rate", "100"));
var baselineSeconds = double.Parse(Arg(args, "--baseline", "20"));
var drainTimeout = TimeSpan.FromSeconds(double.Parse(Arg(args, "--drain-timeout", "600")));
var rateLimit = int.Parse(Arg(args, "--rate-limit", "4000"));
var outboxBatch = Arg(args, "--outbox-batch", "200");
var outboxConcurrency = Arg(args, "--outbox-concurrency", "32");
var hostUrl = $"http://127.0.0.1:{hostPort}";
var failures = new List<string>();
void Verdict(bool ok, string what)
{
    Console.WriteLine($"  [{(ok ? "ok" : "FAIL")}] {what}");
    if (!ok) failures.Add(what);
}
string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[..3] is var l ? string.Join(" ", l) : "";

var settings = BenchDatabase.Settings();
var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(settings);
builder.AddFundData();
using var data = builder.Build();
var services = data.Services;
await services.GetRequiredService<MigrationRunner>().ApplyAsync(default);
var db = services.GetRequiredService<FundDatabase>();
var bulkAccounts = await services.GetRequiredService<BulkSeeder>().CountAsync(default);
if (bulkAccounts < 100_000)
{
    Console.Error.WriteLine($"the bench database has {bulkAccounts} bulk accounts: run bench/Fund.Bench --accounts 100000 first (bench/month-end.sh does)");
    return 2;
}
Console.WriteLine($"month-end peak: {employers} employers × {perEmployer} employees on wechatfund_bench ({bulkAccounts:N0} accounts with ten years of history), load {Load()}");

// 1. The set: fresh employers, accounts and bindings for this run, bulk loaded.
var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
var thisMonth = new DateOnly(today.Year, today.Month, 1);
var set = new MonthEndSet(db, services.GetRequiredService<SensitiveData>(), employers, perEmployer);
var loaded = await set.LoadAsync(thisMonth.AddMonths(-1), default);
var total = employers * perEmployer;
Console.WriteLine($"set {set.Run:00}: {employers} employers, {total:N0} accounts and bindings bulk loaded in {loaded.TotalSeconds:0.0} s");
var operators = set.Operators;

// 2. The stand-in, then the host pointed at it.
await using var standIn = new WechatStandIn(standInPort, rateLimit) { OpenIdPrefix = set.OpenIdPrefix };
await standIn.StartAsync();
var fund = settings["ConnectionStrings:Fund"]!;
var psi = new ProcessStartInfo("dotnet", [hostDll, "--urls", hostUrl])
{
    WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(hostDll))))!,
    RedirectStandardOutput = true, RedirectStandardError = true,
};
foreach (var (k, v) in new Dictionary<string, string>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Development",
    ["ConnectionStrings__Fund"] = fund,
    ["ConnectionStrings__Redis"] = settings["ConnectionStrings:Redis"]!,
    ["Wechat__ApiBaseUrl"] = $"http://127.0.0.1:{standInPort}/",
    ["Wechat__PublicBaseUrl"] = hostUrl,
    ["Wechat__OAuthBaseUrl"] = hostUrl + "/dev/oauth",
    ["Notifications__PollSeconds"] = "0.5",
    ["Notifications__QuotaPauseSeconds"] = "1",
    ["Notifications__BatchSize"] = outboxBatch,
    ["Notifications__Concurrency"] = outboxConcurrency,
    ["Logging__LogLevel__Default"] = "Warning",
    ["Logging__LogLevel__Wechat.Host.Notifications"] = "Error",
    ["Logging__LogLevel__Wechat.Handlers.Api"] = "Error",
})
    psi.Environment[k] = v;
using var hostProcess = Process.Start(psi)!;
var hostLog = new StringBuilder();
hostProcess.OutputDataReceived += (_, e) => { lock (hostLog) if (hostLog.Length < 200_000) hostLog.AppendLine(e.Data); };
hostProcess.ErrorDataReceived += (_, e) => { lock (hostLog) if (hostLog.Length < 200_000) hostLog.AppendLine(e.Data); };
hostProcess.BeginOutputReadLine();
hostProcess.BeginErrorReadLine();
try
{
    return await RunAsync();
}
finally
{
    if (!hostProcess.HasExited) { hostProcess.Kill(); await hostProcess.WaitForExitAsync(); }
    File.WriteAllText(Path.Combine(Path.GetTempPath(), $"month-end-host-{hostPort}.log"), hostLog.ToString());
}

async Task<int> RunAsync()
{
    using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 })
    { BaseAddress = new Uri(hostUrl), Timeout = TimeSpan.FromSeconds(10) };
    Console.WriteLine($"host pid {hostProcess.Id} on {hostUrl}, WeChat stand-in on :{standInPort}");
    for (var i = 0; ; i++)
    {
        try { if ((await http.GetAsync("/ping")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
        if (hostProcess.HasExited || i > 240) { Console.Error.WriteLine("the host did not come up:\n" + hostLog); return 2; }
        await Task.Delay(250);
    }

    // 3. Citizens of the 100,000-account set (not remitting this run): 200 chatting, 200 reading statements.
    var picks = Enumerable.Range(0, 400).Select(k => BulkSeeder.Grzh(k * 241 % bulkAccounts)).ToArray();
    await using (var conn = await db.OpenAsync(default))
        for (var k = 0; k < 400; k++)
            await conn.ExecuteAsync("INSERT IGNORE INTO wechat_binding (openid, grzh, bound_at) VALUES (@o, @g, UTC_TIMESTAMP())",
                new { o = k < 200 ? $"mechat-{k}" : $"mepage-{k - 200}", g = picks[k] });
    var cookies = new string[200];
    var baseUri = new Uri(hostUrl);
    await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (k, ct) =>
    {
        var jar = new CookieContainer();
        jar.Add(baseUri, new Cookie("dev_openid", $"mepage-{k}"));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = baseUri };
        var page = await client.GetAsync("/h5/statement?year=2025", ct);
        cookies[k] = "h5_sid=" + (jar.GetCookies(baseUri)["h5_sid"]?.Value
            ?? throw new InvalidOperationException($"no session for mepage-{k}: {page.StatusCode}"));
    });
    var crypt = new WechatMessageCrypt("devtoken", "wxdev0000000000001", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    var createBase = (long)RandomNumberGenerator.GetInt32(1_000_000_000, 1_500_000_000);
    var chat = new SteadyLoad("chat MY_ACCOUNT", chatRate, 256, async i =>
    {
        var (path, body) = Push(crypt, $"mechat-{i % 200}", createBase + i);
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/xml"));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode && text.Contains("<Encrypt>", StringComparison.Ordinal);
    });
    var pages = new SteadyLoad("statement page", pageRate, 256, async i =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/h5/statement?year=2025");
        request.Headers.Add("Cookie", cookies[i % 200]);
        using var response = await http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && html.Contains("2025-06-30", StringComparison.Ordinal);
    });
    // The floor of the same run: GET /ping of the same host (no I/O) at the chat's rate. Its p99 is what the
    // machine's scheduling alone costs a request at that moment; a page cannot answer sooner than that.
    var ping = new SteadyLoad("GET /ping floor", chatRate, 256, async _ =>
    {
        using var response = await http.GetAsync("/ping");
        return response.IsSuccessStatusCode;
    });
    // Warm both paths (JIT, pools) before the baseline counts.
    for (var i = 0; i < 100; i++) { await Push1(i); }
    async Task Push1(int i)
    {
        var (path, body) = Push(crypt, $"mechat-{i % 200}", createBase - 1000 + i);
        using var r = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/xml"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/h5/statement?year=2025");
        request.Headers.Add("Cookie", cookies[i % 200]);
        using var p = await http.SendAsync(request);
    }

    var metrics = new MetricsScrape(http);
    var metricsBefore = await metrics.ReadAsync();
    using var stopLoads = new CancellationTokenSource();
    var loads = Task.WhenAll(chat.RunAsync(stopLoads.Token), pages.RunAsync(stopLoads.Token), ping.RunAsync(stopLoads.Token));
    var cpu0 = Cpu();
    var loadBefore = Load();
    var baselineStart = Stopwatch.GetTimestamp();
    await Task.Delay(TimeSpan.FromSeconds(baselineSeconds));
    var peakStart = Stopwatch.GetTimestamp();
    var loadAtPeak = Load();
    var sampling = metricsBefore is null ? Task.CompletedTask : metrics.SampleLevelsAsync(peakStart, stopLoads.Token);

    // 4. The peak: every employer remits as the hall's 单位汇缴 page does — GET shows the plan (standing and
    // contributions), POST confirms the headcount and total the operator saw (IRemittancePosting).
    var queries = services.GetRequiredService<IEmployerHallQueries>();
    var posting = services.GetRequiredService<IRemittancePosting>();
    var committed = new long[employers];
    var outcomes = new RemittanceOutcome[employers];
    await Parallel.ForAsync(0, employers, new ParallelOptions { MaxDegreeOfParallelism = remitConcurrency }, async (e, ct) =>
    {
        var dwzh = set.Dwzh(e);
        var standing = await queries.StandingAsync(dwzh, ct);
        var schedule = new RemittanceSchedule(standing?.PaidUpTo, today);
        var plan = RemittancePlan.For(dwzh, schedule.NextMonth!.Value, today, await queries.ContributionsAsync(dwzh, ct));
        (outcomes[e], _) = await posting.PostAsync(dwzh, plan.Month, today, plan.Headcount, plan.Total, new Transactor(operators[e], "BENCH-MONTH-END"), ct);
        committed[e] = Stopwatch.GetTimestamp();
    });
    var postedAt = Stopwatch.GetTimestamp();
    var cpu1 = Cpu();
    var postSeconds = Stopwatch.GetElapsedTime(peakStart, postedAt).TotalSeconds;
    Console.WriteLine($"posted: {employers} remittances, {total:N0} postings in {postSeconds:0.0} s = {total / postSeconds:N0} postings/s (load {Load()})");

    // 5. The outbox drains: wait until no row of this run is unsettled.
    var unsettledSql = "SELECT COUNT(*) FROM notification_outbox WHERE openid LIKE @p AND sent_at IS NULL AND failed_at IS NULL";
    var prefix = set.OpenIdPrefix + "%";
    var drainClock = Stopwatch.StartNew();
    long unsettled;
    do
    {
        await Task.Delay(500);
        await using var conn = await db.OpenAsync(default);
        unsettled = await conn.ExecuteScalarAsync<long>(unsettledSql, new { p = prefix });
    } while (unsettled > 0 && drainClock.Elapsed < drainTimeout);
    var drainedAt = Stopwatch.GetTimestamp();
    var cpu2 = Cpu();
    var loadAfterPeak = Load();
    await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, baselineSeconds)));
    var afterEnd = Stopwatch.GetTimestamp();
    var metricsAfter = await metrics.ReadAsync();
    stopLoads.Cancel();
    await loads;
    await sampling;
    var status = File.ReadAllLines($"/proc/{hostProcess.Id}/status");
    string Mem(string key) => status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim();

    // 6. Verdicts and figures.
    Console.WriteLine();
    Console.WriteLine("verdicts:");
    Verdict(outcomes.All(o => o == RemittanceOutcome.Posted), $"every remittance posted ({outcomes.Count(o => o == RemittanceOutcome.Posted)}/{employers})");
    await using var check = await db.OpenAsync(default);
    var grzhPrefix = set.GrzhPrefix + "%";
    var postings = await check.ExecuteScalarAsync<long>(
        "SELECT COUNT(*) FROM ledger_entry WHERE grzh LIKE @g AND entry_date = @d", new { g = grzhPrefix, d = today.ToDateTime(TimeOnly.MinValue) });
    Verdict(postings == total, $"all postings there: {postings:N0} ledger lines of {total:N0}");
    var balances = await check.ExecuteScalarAsync<long>(
        "SELECT COUNT(*) FROM personal_account WHERE grzh LIKE @g AND balance = personal_monthly + employer_monthly AND paid_up_to = @m",
        new { g = grzhPrefix, m = thisMonth.ToDateTime(TimeOnly.MinValue) });
    Verdict(balances == total, $"every balance and 缴至年月 moved: {balances:N0}");
    var audits = await check.ExecuteScalarAsync<long>("""
        SELECT COUNT(*) FROM audit_log a JOIN employer_business b ON a.target = CONCAT('business:', b.id)
         WHERE a.action = 'employer.remit' AND b.dwzh LIKE @d
        """, new { d = $"47{set.Run:00}%" });
    Verdict(audits == employers, $"one audit row per remittance: {audits}");
    var outbox = (await check.QueryAsync<(string OpenId, DateTime? SentAt, DateTime? FailedAt, int Attempts, string? Error)>(
        "SELECT openid, sent_at, failed_at, attempts, last_error FROM notification_outbox WHERE openid LIKE @p", new { p = prefix })).ToList();
    Verdict(outbox.Count == total && outbox.Select(o => o.OpenId).Distinct().Count() == total, $"one 到账 notice queued per bound employee: {outbox.Count:N0}");
    var sent = outbox.Where(o => o.SentAt is not null).ToList();
    var gaveUp = outbox.Where(o => o.FailedAt is not null).ToList();
    Verdict(sent.Count + gaveUp.Count == total, $"every notice settled: {sent.Count:N0} sent + {gaveUp.Count:N0} given up = {sent.Count + gaveUp.Count:N0} (unsettled {unsettled})");
    Verdict(gaveUp.All(o => o.Error is { Length: > 0 }), "every give-up has its reason recorded");
    foreach (var g in gaveUp.GroupBy(o => o.Error!.Split(':')[0]).OrderBy(g => g.Key))
        Console.WriteLine($"         given up, {g.Key}: {g.Count():N0}");
    var receipts = standIn.Receipts;
    var accepted = receipts.Where(r => r.Key.StartsWith(set.OpenIdPrefix, StringComparison.Ordinal) && r.Value.Accepted > 0).ToList();
    var twice = accepted.Count(r => r.Value.Accepted > 1);
    Verdict(twice == 0, $"none sent twice: the stand-in accepted {accepted.Count:N0} OpenIDs, {twice} of them more than once");
    Verdict(sent.All(o => receipts.TryGetValue(o.OpenId, out var r) && r.Accepted == 1), "every row marked sent was accepted by the stand-in exactly once");
    Verdict(gaveUp.All(o => !receipts.TryGetValue(o.OpenId, out var r) || r.Accepted == 0), "no given-up row was accepted by the stand-in");
    var byFault = outbox.GroupBy(o => WechatStandIn.FaultOf(o.OpenId)).ToDictionary(g => g.Key, g => g.ToList());
    foreach (var (fault, rows) in byFault.OrderBy(f => f.Key))
    {
        var expected = fault == Fault.Unfollowed
            ? rows.All(o => o.FailedAt is not null && o.Error!.StartsWith("errcode 43004", StringComparison.Ordinal))
            : rows.All(o => o.SentAt is not null);
        Verdict(expected, $"fault {fault} ({rows.Count:N0} OpenIDs): " + (fault == Fault.Unfollowed ? "all given up with errcode 43004" : "all sent")
            + (fault is Fault.BusyOnce or Fault.BusyTwice ? $", attempts {rows.Min(o => o.Attempts)}–{rows.Max(o => o.Attempts)}" : ""));
    }
    Dictionary<string, double>? sends = null, answers = null;
    double? noticeP50 = null, noticeP99 = null;
    const string LatencyHistogram = "wechatfund_remittance_notice_latency_seconds";
    if (metricsBefore is not null && metricsAfter is not null)
    {
        // The host's own count (its /metrics) against the stand-in's record. Outcomes count every try, so "sent"
        // is the notices accepted; a 45009 the host counts as "deferred", a -1 as "failed".
        sends = MetricsScrape.Delta(metricsBefore, metricsAfter, "wechatfund_outbox_sends_total", "outcome");
        answers = MetricsScrape.Delta(metricsBefore, metricsAfter, "wechatfund_wechat_api_answers_total", "errcode", "template/send");
        var metricSent = sends.GetValueOrDefault("sent");
        Verdict(metricSent == accepted.Count, $"/metrics: wechatfund_outbox_sends_total{{outcome=\"sent\"}} grew by {metricSent:N0} = the stand-in's acceptances ({accepted.Count:N0})");
        var templateAnswers = answers;
        var standInAnswers = standIn.Answers.ToDictionary(a => a.Key.ToString(CultureInfo.InvariantCulture), a => (double)a.Value);
        Verdict(templateAnswers.Count == standInAnswers.Count && templateAnswers.All(a => standInAnswers.GetValueOrDefault(a.Key) == a.Value),
            "/metrics: template/send answers by errcode match the stand-in's: " + string.Join(", ", templateAnswers.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value:N0}")));
    }
    if (metricsBefore is not null && metricsAfter is not null)
    {
        // The remittance → notice latency as the host measures it (each 到账 notice's queueing, in the remittance's
        // transaction, to WeChat's acceptance): every accepted notice of this run is in it.
        var recorded = MetricsScrape.Count(metricsBefore, metricsAfter, LatencyHistogram);
        Verdict(recorded == accepted.Count, $"/metrics: {LatencyHistogram} recorded {recorded:N0} notices = the stand-in's acceptances ({accepted.Count:N0})");
        noticeP50 = MetricsScrape.Quantile(metricsBefore, metricsAfter, LatencyHistogram, 0.5);
        noticeP99 = MetricsScrape.Quantile(metricsBefore, metricsAfter, LatencyHistogram, 0.99);
    }
    else Console.WriteLine("  (the host has no /metrics: the figures come from the tool, the outbox table and the stand-in only)");
    Console.WriteLine("  stand-in answers: " + string.Join(", ", standIn.Answers.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value:N0}")));

    // Time from a remittance's commit to its notice's acceptance by the stand-in.
    var employerOf = (string openId) => MonthEndSet.IndexOf(openId) / perEmployer;
    var latencies = accepted.Select(r => Stopwatch.GetElapsedTime(committed[employerOf(r.Key)], r.Value.FirstAcceptedTicks).TotalSeconds).Order().ToArray();
    var lastNotice = accepted.Count == 0 ? peakStart : accepted.Max(r => r.Value.FirstAcceptedTicks);
    var endToEnd = Stopwatch.GetElapsedTime(peakStart, lastNotice).TotalSeconds;
    // The drain's own pace: the retries' back-off (-1: 5 s, then 10 s) sets when the last few arrive, not the sender.
    var acceptedTimes = accepted.Select(r => r.Value.FirstAcceptedTicks).Order().ToArray();
    var p99Notice = acceptedTimes.Length == 0 ? peakStart : acceptedTimes[(int)(acceptedTimes.Length * 0.99) - 1];
    var to99 = Stopwatch.GetElapsedTime(peakStart, p99Notice).TotalSeconds;
    var chatBase = chat.Between(baselineStart, peakStart);
    var chatPeak = chat.Between(peakStart, drainedAt);
    var chatPost = chat.Between(peakStart, postedAt);
    var chatAfter = chat.Between(drainedAt, afterEnd);
    var pingBase = ping.Between(baselineStart, peakStart);
    var pingPeak = ping.Between(peakStart, drainedAt);
    var pingPost = ping.Between(peakStart, postedAt);
    var pingAfter = ping.Between(drainedAt, afterEnd);
    var pageBase = pages.Between(baselineStart, peakStart);
    var pagePeak = pages.Between(peakStart, drainedAt);
    var pagePost = pages.Between(peakStart, postedAt);
    var pageAfter = pages.Between(drainedAt, afterEnd);

    Console.WriteLine();
    Console.WriteLine("figures (source: this tool's clocks, the outbox table and the stand-in's record; the host's /metrics where said):");
    Console.WriteLine($"  postings/s                      {total / postSeconds,10:N0}   ({total:N0} in {postSeconds:0.0} s, {remitConcurrency} employers at once; goal ≤ 60 s)");
    Console.WriteLine($"  notices/s end to end            {accepted.Count / endToEnd,10:N0}   ({accepted.Count:N0} accepted, first remittance → last notice {endToEnd:0.0} s)");
    Console.WriteLine($"  notices/s to the 99th percentile {acceptedTimes.Length * 0.99 / to99,9:N0}   (99 % accepted {to99:0.0} s after the first remittance)");
    var toolP50 = SteadyLoad.Percentile(latencies, 0.5);
    var toolP99 = SteadyLoad.Percentile(latencies, 0.99);
    if (noticeP50 is { } m50 && noticeP99 is { } m99)
        Console.WriteLine($"  remittance → notice  p50 / p99  {m50,7:0.0} s / {m99:0.0} s   (the host's /metrics histogram; this tool's clocks: {toolP50:0.00} s / {toolP99:0.00} s)");
    else
        Console.WriteLine($"  remittance → notice  p50 / p99  {toolP50,7:0.00} s / {toolP99:0.00} s   (this tool's clocks)");
    Console.WriteLine($"  chat MY_ACCOUNT p50/p99 ms      baseline {chatBase.P50:0.0}/{chatBase.P99:0.0}   peak {chatPeak.P50:0.0}/{chatPeak.P99:0.0} (posting {chatPost.P50:0.0}/{chatPost.P99:0.0})   after {chatAfter.P50:0.0}/{chatAfter.P99:0.0}   failed {chatBase.Failed}/{chatPeak.Failed}/{chatAfter.Failed} of {chatBase.Count}/{chatPeak.Count}/{chatAfter.Count}   ({chatRate}/s; goal p99 ≤ 25 ms)");
    Console.WriteLine($"  statement page p50/p99 ms       baseline {pageBase.P50:0.0}/{pageBase.P99:0.0}   peak {pagePeak.P50:0.0}/{pagePeak.P99:0.0} (posting {pagePost.P50:0.0}/{pagePost.P99:0.0})   after {pageAfter.P50:0.0}/{pageAfter.P99:0.0}   failed {pageBase.Failed}/{pagePeak.Failed}/{pageAfter.Failed} of {pageBase.Count}/{pagePeak.Count}/{pageAfter.Count}   ({pageRate}/s; goal p99 ≤ 50 ms)");
    Console.WriteLine($"  GET /ping floor p50/p99 ms      baseline {pingBase.P50:0.0}/{pingBase.P99:0.0}   peak {pingPeak.P50:0.0}/{pingPeak.P99:0.0} (posting {pingPost.P50:0.0}/{pingPost.P99:0.0})   after {pingAfter.P50:0.0}/{pingAfter.P99:0.0}   ({chatRate}/s: the machine's own delay)");
    string Share(Dictionary<string, double> a, Dictionary<string, double> b, double seconds) =>
        string.Join(", ", b.Select(kv => $"{kv.Key} {(kv.Value - a.GetValueOrDefault(kv.Key)) / seconds:P0}"));
    Console.WriteLine($"  CPU (of one core) while posting  {Share(cpu0, cpu1, postSeconds)}");
    Console.WriteLine($"  CPU (of one core) while draining {Share(cpu1, cpu2, Stopwatch.GetElapsedTime(postedAt, drainedAt).TotalSeconds)}");
    if (sends is not null)
    {
        Console.WriteLine($"  from the host's /metrics         outbox sends by outcome: {string.Join(", ", sends.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}"))}; template/send answers by errcode: {string.Join(", ", answers!.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}"))}");
        var levels = metrics.Levels.Where(l => !double.IsNaN(l.Backlog)).ToList();
        if (levels.Count > 0)
        {
            var peakBacklog = levels.MaxBy(l => l.Backlog);
            Console.WriteLine($"                                   outbox backlog peak {peakBacklog.Backlog:N0} at {peakBacklog.Seconds:0} s, oldest row waited at most {levels.Max(l => l.OldestAge):0} s; " +
                              "backlog every 30 s: " + string.Join(" ", levels.Where((_, i) => i % 15 == 0).Select(l => $"{l.Backlog:0}")));
        }
    }
    Console.WriteLine($"  host RSS                        VmHWM {Mem("VmHWM")}, VmRSS {Mem("VmRSS")} = anonymous {Mem("RssAnon")} + files {Mem("RssFile")} (goal ≤ 250 MB)");
    Console.WriteLine($"  load average                    before {loadBefore}; peak start {loadAtPeak}; after posting/drain {loadAfterPeak}; end {Load()}");
    Console.WriteLine($"RESULT postings_s={total / postSeconds:0} post_s={postSeconds:0.0} notices_s={accepted.Count / endToEnd:0} e2e_s={endToEnd:0.0} notices99_s={acceptedTimes.Length * 0.99 / to99:0} " +
                      $"notice_p50_s={noticeP50 ?? toolP50:0.00} notice_p99_s={noticeP99 ?? toolP99:0.00} tool_notice_p50_s={toolP50:0.00} tool_notice_p99_s={toolP99:0.00} " +
                      $"chat_p99_base={chatBase.P99:0.0} chat_p99_peak={chatPeak.P99:0.0} page_p99_base={pageBase.P99:0.0} page_p99_peak={pagePeak.P99:0.0} ping_p99_base={pingBase.P99:0.0} ping_p99_peak={pingPeak.P99:0.0} " +
                      $"chat_p99_post={chatPost.P99:0.0} page_p99_post={pagePost.P99:0.0} ping_p99_post={pingPost.P99:0.0} " +
                      $"vmhwm={Mem("VmHWM").Replace(" ", "")} verdicts={(failures.Count == 0 ? "ok" : "FAILED")}");
    if (failures.Count > 0) Console.WriteLine($"{failures.Count} verdict(s) failed");
    return failures.Count == 0 ? 0 : 1;
}

// CPU seconds so far of the host, this tool (stand-in, loads, postings), MariaDB and Redis.
Dictionary<string, double> Cpu()
{
    var pids = new Dictionary<string, int> { ["host"] = hostProcess.Id, ["tool"] = Environment.ProcessId };
    foreach (var (name, file) in new[] { ("mariadb", ".local/mariadb.pid"), ("redis", ".local/redis.pid") })
        if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid)) pids[name] = pid;
    var result = new Dictionary<string, double>();
    foreach (var (name, pid) in pids)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            result[name] = (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
        catch (IOException) { }
    }
    return result;
}

static (string Path, string Body) Push(WechatMessageCrypt crypt, string openId, long createTime)
{
    var inner = $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
                $"<CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>" +
                "<EventKey><![CDATA[MY_ACCOUNT]]></EventKey></xml>";
    var encrypt = crypt.Encrypt(inner);
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
    var nonce = RandomNumberGenerator.GetInt32(int.MaxValue).ToString();
    var path = $"/wechat?signature={WechatSignature.Compute("devtoken", timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}" +
               $"&openid={openId}&encrypt_type=aes&msg_signature={WechatSignature.Compute("devtoken", timestamp, nonce, encrypt)}";
    return (path, $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");
}
