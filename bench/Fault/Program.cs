using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fault;
using Fund.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wechat.Handlers.Pipeline;
using static Bench.Shared.LoadRun;

// The fault run: steady load through nginx on the cluster scripts/cluster.sh started — pushes and page views at fixed
// rates (open loop), withdrawal submits and approvals, employers' 单位汇缴 through the hall's mutual-TLS port — while one
// host instance is killed, one is stopped gracefully, Redis is restarted and then crashed (SIGKILL), MariaDB likewise,
// in turn. Then the books are checked. Before the load, the employer hall's mutual TLS through nginx is checked once
// (HallCheck).
//   scripts/test.sh --faults        (brings the cluster up, then runs this)
//   dotnet run -c Release --project bench/Fault -- [--hold 8] [--applicants 40] [--withdrawal-pace 1.7]
//     [--push-rate 200] [--page-rate 100] [--employers 4] [--employees 5] [--remit-pace 0.5]
//     [--faults kill,stop,redis-stop,redis-kill,mariadb-stop,mariadb-kill]
// Exit code 0 only when every assertion holds; the table it prints is the README's.
var root = Arg(args, "--root", FindRoot());
var hold = TimeSpan.FromSeconds(double.Parse(Arg(args, "--hold", "8")));
var applicantCount = int.Parse(Arg(args, "--applicants", "40"));
// One applicant's submit every this many seconds: 40 of them then span all five phases, outages included.
var withdrawalPace = TimeSpan.FromSeconds(double.Parse(Arg(args, "--withdrawal-pace", "1.7"), System.Globalization.CultureInfo.InvariantCulture));
var pushRate = double.Parse(Arg(args, "--push-rate", "200"), System.Globalization.CultureInfo.InvariantCulture);
var pageRate = double.Parse(Arg(args, "--page-rate", "100"), System.Globalization.CultureInfo.InvariantCulture);
var employerCount = int.Parse(Arg(args, "--employers", "4"));
var employeesEach = int.Parse(Arg(args, "--employees", "5"));
var remitPace = TimeSpan.FromSeconds(double.Parse(Arg(args, "--remit-pace", "0.5"), System.Globalization.CultureInfo.InvariantCulture));
// Which faults, in this order: kill,stop,redis-stop,redis-kill,mariadb-stop,mariadb-kill (all by default; "none": steady load only).
var chosenFaults = Arg(args, "--faults", "kill,stop,redis-stop,redis-kill,mariadb-stop,mariadb-kill").Split(',').ToHashSet();
var cluster = new Cluster(root);
var run = Guid.NewGuid().ToString("N")[..8];

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
builder.Configuration.Sources.Clear();
builder.Configuration.AddInMemoryCollection(cluster.Configuration());
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddFundData();
using var data = builder.Build();

var logStart = cluster.HostLogs().ToDictionary(f => f, f => new FileInfo(f).Length);
var recordStart = File.Exists(cluster.StandInRecord) ? new FileInfo(cluster.StandInRecord).Length : 0;
var tally = new Tally();
var pages = new PageTraffic(cluster, tally);
var pushes = new PushTraffic(cluster, tally);
var withdrawals = new WithdrawalTraffic(cluster, tally, data.Services);
var remittances = new RemittanceTraffic(cluster, tally, data.Services);

Console.WriteLine($"fault run {run} against {cluster.PublicUrl}: signing in 5 demo citizens and {applicantCount} applicants");
var sessions = new List<HttpClient>();
for (var i = 1; i <= 5; i++) sessions.Add(await pages.SignInAsync($"demo-openid-{i}"));
await withdrawals.PrepareAsync(applicantCount, pages, run);
Console.WriteLine($"preparing {employerCount} employers in arrears since 2000 with {employeesEach} employees each, their operators signed in to the hall");
await remittances.PrepareAsync(employerCount, employeesEach, boundEach: 2, run);
var hall = await new HallCheck(cluster).RunAsync();
foreach (var line in hall.Passed) Console.WriteLine("employer hall: " + line);
foreach (var line in hall.Failed) Console.WriteLine("employer hall FAILED: " + line);

using var stop = new CancellationTokenSource();
var traffic = Task.WhenAll(
    pushes.RunAsync(pushRate, stop.Token),
    pages.RunAsync(sessions, pageRate, stop.Token),
    withdrawals.RunAsync(withdrawalPace, stop.Token),
    remittances.RunAsync(remitPace, stop.Token));

var phases = new List<(string Name, TimeSpan Length, double? Recovery)>();
async Task PhaseAsync(string name, Func<Task> outage, Func<Task> back)
{
    tally.Phase = name;
    var watch = Stopwatch.StartNew();
    await outage();
    await Task.Delay(hold);
    await back();
    var recovery = await RecoveryAsync();
    await Task.Delay(TimeSpan.FromSeconds(4));
    phases.Add((name, watch.Elapsed, recovery));
    Console.WriteLine($"{name}: healthy {recovery:0.0} s after the server was back");
}

tally.Phase = "steady";
var steady = Stopwatch.StartNew();
await Task.Delay(hold);
phases.Add(("steady", steady.Elapsed, null));
var faults = new (string Verb, string Name, Func<Task> Outage, Func<Task> Back)[]
{
    ("kill", "instance 1 killed (SIGKILL)", () => cluster.RunAsync("kill", "1"), () => cluster.RunAsync("start", "1")),
    ("stop", "instance 2 stopped (SIGTERM)", () => cluster.RunAsync("stop", "2"), () => cluster.RunAsync("start", "2")),
    ("redis-stop", "Redis restarted", () => cluster.RunAsync("redis-stop"), () => cluster.RunAsync("redis-start")),
    ("redis-kill", "Redis crashed (SIGKILL)", () => cluster.RunAsync("redis-kill"), () => cluster.RunAsync("redis-start")),
    ("mariadb-stop", "MariaDB restarted", () => cluster.RunAsync("mariadb-stop"), () => cluster.RunAsync("mariadb-start")),
    ("mariadb-kill", "MariaDB crashed (SIGKILL)", () => cluster.RunAsync("mariadb-kill"), () => cluster.RunAsync("mariadb-start")),
};
foreach (var fault in faults.Where(f => chosenFaults.Contains(f.Verb)))
    await PhaseAsync(fault.Name, fault.Outage, fault.Back);
tally.Phase = "after";
await stop.CancelAsync();
await traffic;

// The verdicts.
var failures = new List<string>();
failures.AddRange(hall.Failed.Select(f => "employer hall: " + f));
var runs = HandlerRuns();
var pushIds = pushes.Answers.Keys.ToList();
var handledTwice = pushIds.Count(id => runs.GetValueOrDefault(LogId.Of("msg:" + id)) > 1);
var neverHandled = pushIds.Count(id => runs.GetValueOrDefault(LogId.Of("msg:" + id)) == 0);
// A delivery whose handler failed (MariaDB away) answers the busy text and releases its claim, so a retry may run the
// handler and answer properly; two different proper answers to one push would be a dedup failure.
var answeredDifferently = pushes.Answers.Values.Count(a => a.Where(x => x.StartsWith("text:", StringComparison.Ordinal)
    && x != "text:" + GuardStep.BusyText).Distinct().Count() > 1);
var answeredBusy = pushes.Answers.Values.Count(a => a.Contains("text:" + GuardStep.BusyText));
var answeredOnlySuccess = pushes.Answers.Values.Count(a => a.Count > 0 && a.All(x => x == "success"));
if (handledTwice > 0) failures.Add($"{handledTwice} push(es) handled twice");
if (answeredDifferently > 0) failures.Add($"{answeredDifferently} push(es) answered differently on a retry");

var ledger = await withdrawals.LedgerAsync();
var submitted = ledger.Count(r => r.Applicant.SubmittedId is not null);
var approved = ledger.Count(r => r.Applicant.Approved);
var lostSubmits = ledger.Count(r => r.Applicant.SubmittedId is not null && r.Applications == 0);
var doubledSubmits = ledger.Count(r => r.Applications > 1);
var lostPostings = ledger.Count(r => r.Applicant.Approved && (r.Postings == 0 || r.Balance != 0));
var doubledPostings = ledger.Count(r => r.Postings > 1);
if (lostSubmits + doubledSubmits > 0) failures.Add($"withdrawals: {lostSubmits} lost, {doubledSubmits} doubled");
if (lostPostings + doubledPostings > 0) failures.Add($"ledger postings: {lostPostings} lost, {doubledPostings} doubled");
if (submitted == 0 || approved == 0) failures.Add("no withdrawal went through: the run proved nothing");

var remitted = await remittances.LedgerAsync();
if (remitted.Lost + remitted.LinesWrong > 0)
    failures.Add($"remittances: {remitted.Lost} confirmed month(s) lost, {remitted.LinesWrong} employee(s) without exactly one line a month");
if (remitted.Confirmed == 0) failures.Add("no remittance went through: the run proved nothing");

var (templatesPending, templatesDoubled, noticesPending, noticesDoubled) = await TemplatesAsync(
    ledger.Where(r => r.Applicant.Approved).Select(r => r.Applicant.OpenId).ToList(),
    remittances.Employers.SelectMany(e => e.BoundOpenIds.Select(o => (o, e.Remitted))).ToList());
if (templatesDoubled > 0) failures.Add($"{templatesDoubled} approval template message(s) sent twice");
if (templatesPending > 0) failures.Add($"{templatesPending} approval template message(s) not sent within the wait");
if (noticesDoubled > 0) failures.Add($"{noticesDoubled} 缴存到账 notice(s) sent twice");
if (noticesPending > 0) failures.Add($"{noticesPending} 缴存到账 notice(s) not sent within the wait");

foreach (var (name, _, recovery) in phases.Where(p => p.Recovery is not null))
    if (recovery > 5) failures.Add($"{name}: recovery {recovery:0.0} s > 5 s");
foreach (var kind in new[] { "push", "h5", "submit", "approve", "remit" })
    if (tally.Total(kind, "bad") is var bad and > 0) failures.Add($"{bad} bad {kind} answer(s)");

var loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
Console.WriteLine();
Console.WriteLine($"rates asked: {pushRate:0} new pushes/s, {pageRate:0} page views/s; {employerCount} employers remitting; load average at the end {loadAverage}");
Console.WriteLine("| phase | length | pushes/s · views/s | /wechat pushes: answered · success · unanswered in 5 s (retried) · bad · p50/p99 ms | H5 views: page · clear 503 · bad · p50/p99 ms | submits · approvals · remittances confirmed | healthy after server back |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, length, recovery) in phases)
    Console.WriteLine($"| {name} | {length.TotalSeconds:0} s | {tally.Get(name, "push", "pushed") / length.TotalSeconds:0} · " +
                      $"{(tally.Get(name, "h5", "page") + tally.Get(name, "h5", "clear 503") + tally.Get(name, "h5", "bad")) / length.TotalSeconds:0} | " +
                      $"{tally.Get(name, "push", "answered")} · {tally.Get(name, "push", "success")} · " +
                      $"{tally.Get(name, "push", "no answer in 5 s")} · {tally.Get(name, "push", "bad")} · {tally.Percentiles(name, "push")} | {tally.Get(name, "h5", "page")} · " +
                      $"{tally.Get(name, "h5", "clear 503")} · {tally.Get(name, "h5", "bad")} · {tally.Percentiles(name, "h5")} | {tally.Get(name, "submit", "confirmed")} · " +
                      $"{tally.Get(name, "approve", "confirmed")} · {tally.Get(name, "remit", "confirmed")} | {(recovery is { } r ? $"{r:0.0} s" : "–")} |");
Console.WriteLine();
Console.WriteLine($"pushes: {pushIds.Count} ({pushes.Answers.Values.Sum(a => a.Count)} deliveries incl. retries and racing duplicates); " +
                  $"handled twice {handledTwice}; retries answered differently {answeredDifferently}; never handled {neverHandled}; " +
                  $"answered only \"success\" {answeredOnlySuccess}; " +
                  $"answered the busy text on some delivery {answeredBusy}; deliveries' wait for a free connection of the tool: {pushes.WaitSummary()}");
Console.WriteLine($"withdrawals: {submitted} submits confirmed, {approved} approvals confirmed; applications lost {lostSubmits}, doubled {doubledSubmits}; " +
                  $"销户提取 postings lost {lostPostings}, doubled {doubledPostings}; approval template messages pending {templatesPending}, doubled {templatesDoubled}");
Console.WriteLine($"remittances: {remitted.Confirmed} months confirmed by the hall ({tally.Total("remit", "already (answer lost)")} of them 已汇缴 on a repeat click), " +
                  $"{remitted.Remitted} in the database; confirmed but lost {remitted.Lost}; employees without exactly one line a month {remitted.LinesWrong}; " +
                  $"缴存到账 notices pending {noticesPending}, doubled {noticesDoubled}");
Console.WriteLine("recovery: " + string.Join("; ", phases.Where(p => p.Recovery is not null).Select(p => $"{p.Name} {p.Recovery:0.0} s")));
foreach (var sample in tally.Samples) Console.WriteLine("bad: " + sample);
Console.WriteLine(failures.Count == 0 ? "FAULT RUN PASSED" : "FAULT RUN FAILED: " + string.Join("; ", failures));
return failures.Count == 0 ? 0 : 1;

// Seconds from "the server is back" until every instance reports healthy and a page view through nginx works.
async Task<double> RecoveryAsync()
{
    var watch = Stopwatch.StartNew();
    var ports = cluster.HostLogs().Select(f => Regex.Match(f, @"host-(\d+)\.log$").Groups[1].Value).ToList();
    using var direct = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    while (watch.Elapsed < TimeSpan.FromSeconds(60))
    {
        var healthy = true;
        foreach (var port in ports)
        {
            try { using var r = await direct.GetAsync($"http://127.0.0.1:{port}/healthz"); healthy &= r.IsSuccessStatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { healthy = false; }
        }
        if (healthy)
        {
            try { using var page = await sessions[0].GetAsync("h5/account"); if (page.IsSuccessStatusCode) return watch.Elapsed.TotalSeconds; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        }
        await Task.Delay(100);
    }
    return watch.Elapsed.TotalSeconds;
}

// "Handled push {id}" lines the instances wrote during this run, counted per push.
Dictionary<string, int> HandlerRuns()
{
    var counts = new Dictionary<string, int>(StringComparer.Ordinal);
    foreach (var file in cluster.HostLogs())
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(logStart.GetValueOrDefault(file), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        foreach (Match m in Regex.Matches(reader.ReadToEnd(), @"Handled push ([0-9a-f]{12})"))
            counts[m.Groups[1].Value] = counts.GetValueOrDefault(m.Groups[1].Value) + 1;
    }
    return counts;
}

// Template messages the stand-in was given, waiting up to two minutes for the outbox: approvals per OpenID, and
// 缴存到账 notices per OpenID and month (the notice's first keyword names the month, 2000年02月补缴).
async Task<(int Pending, int Doubled, int NoticesPending, int NoticesDoubled)> TemplatesAsync(IReadOnlyList<string> openIds,
    IReadOnlyList<(string OpenId, int Months)> noticed)
{
    var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
    var approvedTemplate = cluster.Settings["Wechat__Templates__WithdrawalApproved"];
    var contributionTemplate = cluster.Settings["Wechat__Templates__ContributionReceived"];
    while (true)
    {
        var sent = new Dictionary<string, int>(StringComparer.Ordinal);
        var notices = new Dictionary<(string To, string Month), int>();
        if (File.Exists(cluster.StandInRecord))
        using (var stream = new FileStream(cluster.StandInRecord, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            stream.Seek(recordStart, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                JsonDocument json;
                try { json = JsonDocument.Parse(line); } catch (JsonException) { continue; } // a line still being written
                using var _ = json;
                if (json.RootElement.GetProperty("kind").GetString() != "template") continue;
                var body = json.RootElement.GetProperty("body");
                var to = body.GetProperty("touser").GetString()!;
                var template = body.GetProperty("template_id").GetString();
                if (template == approvedTemplate) sent[to] = sent.GetValueOrDefault(to) + 1;
                else if (template == contributionTemplate)
                {
                    var month = body.GetProperty("data").GetProperty("keyword1").GetProperty("value").GetString()!;
                    notices[(to, month)] = notices.GetValueOrDefault((to, month)) + 1;
                }
            }
        }
        var pending = openIds.Count(o => !sent.ContainsKey(o));
        var doubled = openIds.Count(o => sent.GetValueOrDefault(o) > 1);
        var noticesPending = noticed.Sum(n => Math.Max(0, n.Months - notices.Keys.Count(k => k.To == n.OpenId)));
        var noticesDoubled = notices.Count(kv => kv.Value > 1 && noticed.Any(n => n.OpenId == kv.Key.To));
        if ((pending == 0 && noticesPending == 0) || DateTime.UtcNow > deadline) return (pending, doubled, noticesPending, noticesDoubled);
        await Task.Delay(2000);
    }
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "WechatFund.sln"))) return dir.FullName;
    throw new InvalidOperationException("run from inside the repository, or pass --root");
}
