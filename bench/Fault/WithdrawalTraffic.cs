using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Validation;
using Fund.Core.Withdrawals;
using Fund.Data;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Fault;

/// <summary>One citizen of the run: a fresh account with card, material and documents on file, signed in.</summary>
internal sealed record Applicant(string Grzh, string OpenId, string Phone, long MaterialId, decimal Balance)
{
    public HttpClient Http { get; set; } = null!;
    public long? SubmittedId { get; set; }
    public bool Approved { get; set; }

    /// <summary>What the last failed submit try got, for the report when the submit never went through.</summary>
    public string LastOutcome { get; set; } = "nothing yet";
}

/// <summary>
/// Withdrawal submits through the citizen's H5 pages and approvals through the counter console, as people do them:
/// a failed or unanswered submit is sent again from the same form (same idempotency key), with the citizen's password and
/// the SMS code the stand-in was given (a fresh code when the last one was spent), a failed approval is clicked again. Afterwards the database must hold each confirmed submit once and one 销户提取 posting per approval.
/// </summary>
internal sealed partial class WithdrawalTraffic(Cluster cluster, Tally tally, IServiceProvider data)
{
    private const string Submit = "submit";
    private const string Approve = "approve";
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    // A spent code is replaced only after the gateway's 60 s cooldown per phone: a submit may need two of them.
    private static readonly TimeSpan SubmitGiveUpAfter = TimeSpan.FromSeconds(150);
    private const string Password = "Fault@Run2026";
    private readonly Channel<Applicant> _toApprove = Channel.CreateUnbounded<Applicant>();

    public List<Applicant> Applicants { get; } = [];

    private HttpClient _clerk = null!;

    public async Task PrepareAsync(int count, PageTraffic pages, string run)
    {
        _clerk = await CounterSignInAsync();
        var accounts = data.GetRequiredService<MySqlAccountStore>();
        await accounts.UpsertEmployerAsync(new Employer("411509999998", "故障演练单位", "91411500MA4FAULT00", AccountStatus.Normal, 0.12m, 0.12m), default);
        for (var i = 0; i < count; i++)
        {
            var first17 = $"411599{new DateOnly(1975, 1, 1).AddDays(Random.Shared.Next(0, 9000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
            var account = new PersonalAccount
            {
                Grzh = "47" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"),
                Name = "演练用户", IdNumber = first17 + IdNumber.CheckCharacter(first17),
                Phone = "136" + Random.Shared.Next(0, 99_999_999).ToString("00000000"), Dwzh = "411509999998",
                Status = AccountStatus.Normal, ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
                PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = 0m,
                PaidUpTo = new DateOnly(2026, 10, 1), OpenedOn = new DateOnly(2020, 1, 1),
            };
            await accounts.InsertAsync(account, default);
            // The balance as the ledger holds it: approval pays out what the entries add up to (with interest).
            var balance = 10_000m + i;
            await data.GetRequiredService<MySqlLedgerStore>().PostAsync(account.Grzh,
                [(new DateOnly(2026, 10, 10), Fund.Core.Ledger.BusinessType.Remittance, balance, "2026年10月汇缴")], default);
            var openId = $"fault-{run}-{i}";
            await data.GetRequiredService<IBindingStore>().BindAsync(openId, account.Grzh, default);
            await data.GetRequiredService<MySqlBankCardStore>().SaveFirstAsync(account.Grzh, "中国银行", "6217000000000000008", default);
            var materials = data.GetRequiredService<MySqlMaterialStore>();
            var material = await materials.CreateAsync(account.Grzh, WithdrawalType.SettledAbroad,
                new Dictionary<string, string> { ["country"] = "加拿大", ["settledOn"] = "2026-01-01" }, default);
            foreach (var kind in DocumentKinds.Required(WithdrawalType.SettledAbroad))
                await materials.AddDocumentAsync(account.Grzh, material, kind, $"{Guid.NewGuid():N}.bin", "c1", new byte[32], "image/png", 1024, default);
            var hasher = new PasswordHasher<string>();
            await data.GetRequiredService<MySqlCitizenLoginStore>().TryRegisterAsync(new MySqlCitizenLoginStore.CitizenLogin(account.Grzh,
                hasher.HashPassword(account.Grzh, Password), "演练问题", hasher.HashPassword(account.Grzh, "演练")), default);
            var applicant = new Applicant(account.Grzh, openId, account.Phone, material, balance);
            applicant.Http = await pages.SignInAsync(openId);
            Applicants.Add(applicant);
        }
    }

    public Task RunAsync(TimeSpan pace, CancellationToken stop) => Task.WhenAll(SubmitAllAsync(pace, stop), ApproveAllAsync());

    private async Task SubmitAllAsync(TimeSpan pace, CancellationToken stop)
    {
        foreach (var applicant in Applicants)
        {
            if (stop.IsCancellationRequested) break;
            await SubmitAsync(applicant);
            if (applicant.SubmittedId is not null) await _toApprove.Writer.WriteAsync(applicant);
            try { await Task.Delay(pace, stop); } catch (OperationCanceledException) { }
        }
        _toApprove.Writer.Complete();
    }

    private async Task SubmitAsync(Applicant a)
    {
        var page = $"h5/withdraw/apply?type={(int)WithdrawalType.SettledAbroad}&material={a.MaterialId}";
        string? idempotencyKey = null;
        string? code = null;
        var until = DateTime.UtcNow + SubmitGiveUpAfter;
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var form = await a.Http.GetAsync(page);
                var html = await form.Content.ReadAsStringAsync();
                if (StatusId(form) is { } landed)
                {
                    // An earlier try went through though its answer was lost: the page now shows the application.
                    a.SubmittedId = landed;
                    tally.Count(Submit, "confirmed");
                    return;
                }
                if (form.StatusCode != HttpStatusCode.OK) { a.LastOutcome = $"form {(int)form.StatusCode} {PushTraffic.Snippet(html)}"; Note(Submit, form.StatusCode, html); await Task.Delay(500); continue; }
                idempotencyKey ??= Field(html, "IdempotencyKey");
                if (code is null)
                {
                    code = await SendCodeAsync(a, page, html, idempotencyKey);
                    if (code is null) { await Task.Delay(1000); continue; }
                    continue; // a fresh form (and antiforgery token) for the submit
                }
                using var post = await a.Http.PostAsync(page + "&handler=Submit", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = Field(html, "__RequestVerificationToken"),
                    ["Type"] = ((int)WithdrawalType.SettledAbroad).ToString(),
                    ["material"] = a.MaterialId.ToString(),
                    ["IdempotencyKey"] = idempotencyKey,
                    ["Password"] = Password,
                    ["Code"] = code,
                }));
                if (StatusId(post) is { } id)
                {
                    a.SubmittedId = id;
                    tally.Count(Submit, "confirmed");
                    return;
                }
                var answer = await post.Content.ReadAsStringAsync();
                if (post.StatusCode == HttpStatusCode.OK && answer.Contains("短信验证码错误或已失效", StringComparison.Ordinal))
                {
                    // The code was spent by a try whose submit then failed (a server went away in between): ask again.
                    code = null;
                    a.LastOutcome = "code spent";
                    tally.Count(Submit, "code spent");
                    continue;
                }
                a.LastOutcome = $"submit {(int)post.StatusCode} {Visible(answer)}";
                Note(Submit, post.StatusCode, answer);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                a.LastOutcome = "no answer: " + e.GetType().Name;
                tally.Count(Submit, "no answer");
            }
            await Task.Delay(500);
        }
        tally.Bad(Submit, $"{a.Grzh} not confirmed within {SubmitGiveUpAfter.TotalSeconds:0} s; last try: {a.LastOutcome}");
    }

    /// <summary>Asks the host to send the submit's code and reads it from what the stand-in was given; null: not sent (yet).</summary>
    private async Task<string?> SendCodeAsync(Applicant a, string page, string html, string idempotencyKey)
    {
        var since = File.Exists(cluster.StandInRecord) ? new FileInfo(cluster.StandInRecord).Length : 0;
        using var post = await a.Http.PostAsync(page + "&handler=SendCode&section=submit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(html, "__RequestVerificationToken"),
            ["IdempotencyKey"] = idempotencyKey,
        }));
        var answer = await post.Content.ReadAsStringAsync();
        if (post.StatusCode != HttpStatusCode.OK) { a.LastOutcome = $"send code {(int)post.StatusCode} {PushTraffic.Snippet(answer)}"; Note(Submit, post.StatusCode, answer); return null; }
        if (!answer.Contains("验证码已发送", StringComparison.Ordinal))
        {
            a.LastOutcome = "send code: " + Visible(answer);
            tally.Count(Submit, "code not sent yet");
            return null;
        }
        for (var i = 0; i < 50; i++)
        {
            if (LatestCode(a.Phone, since) is { } code) return code;
            await Task.Delay(200);
        }
        tally.Bad(Submit, $"{a.Grzh}: the host said the code was sent, the stand-in never got it");
        return null;
    }

    private string? LatestCode(string phone, long since)
    {
        if (!File.Exists(cluster.StandInRecord)) return null;
        using var stream = new FileStream(cluster.StandInRecord, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(since, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        string? found = null;
        while (reader.ReadLine() is { } line)
        {
            JsonDocument json;
            try { json = JsonDocument.Parse(line); } catch (JsonException) { continue; } // a line still being written
            using var _ = json;
            if (json.RootElement.GetProperty("kind").GetString() != "sms") continue;
            var body = json.RootElement.GetProperty("body");
            if (body.GetProperty("phone").GetString() == phone
                && body.GetProperty("params").TryGetProperty("code", out var code)) found = code.GetString();
        }
        return found;
    }

    private async Task ApproveAllAsync()
    {
        var clerk = _clerk;
        await foreach (var a in _toApprove.Reader.ReadAllAsync())
        {
            var until = DateTime.UtcNow + GiveUpAfter;
            while (!a.Approved && DateTime.UtcNow < until)
            {
                try
                {
                    var path = $"counter/applications/{a.SubmittedId}";
                    using var view = await clerk.GetAsync(path);
                    var html = await view.Content.ReadAsStringAsync();
                    if (view.StatusCode == HttpStatusCode.OK && html.Contains("id=\"status\">已审核<", StringComparison.Ordinal))
                    {
                        a.Approved = true;
                        tally.Count(Approve, "confirmed");
                        break;
                    }
                    if (view.StatusCode != HttpStatusCode.OK) { Note(Approve, view.StatusCode, html); await Task.Delay(500); continue; }
                    // 审核通过 first shows the amount paid out (balance plus closing interest) for the clerk to confirm.
                    using var ask = await clerk.PostAsync(path + "?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = Field(html, "__RequestVerificationToken"),
                    }));
                    var confirm = await ask.Content.ReadAsStringAsync();
                    if (ask.StatusCode != HttpStatusCode.OK || !confirm.Contains("id=\"approve-form\"", StringComparison.Ordinal))
                    {
                        if (ask.StatusCode == HttpStatusCode.OK && confirm.Contains("id=\"status\">已审核<", StringComparison.Ordinal)) continue;
                        Note(Approve, ask.StatusCode, confirm);
                        await Task.Delay(500);
                        continue;
                    }
                    using var post = await clerk.PostAsync(path + "?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = Field(confirm, "__RequestVerificationToken"),
                        ["ConfirmedAmount"] = Field(confirm, "ConfirmedAmount"),
                    }));
                    var answer = await post.Content.ReadAsStringAsync();
                    if (post.StatusCode == HttpStatusCode.OK && answer.Contains("id=\"status\">已审核<", StringComparison.Ordinal))
                    {
                        a.Approved = true;
                        tally.Count(Approve, "confirmed");
                        break;
                    }
                    // The page answers a decision with a redirect back to itself; the next view shows the outcome.
                    if (post.StatusCode == HttpStatusCode.Redirect && post.Headers.Location?.OriginalString.Contains($"/counter/applications/{a.SubmittedId}", StringComparison.Ordinal) == true)
                        continue;
                    Note(Approve, post.StatusCode, answer);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    tally.Count(Approve, "no answer");
                }
                await Task.Delay(500);
            }
            if (!a.Approved) tally.Bad(Approve, $"{a.SubmittedId} not confirmed within {GiveUpAfter.TotalSeconds:0} s");
        }
    }

    private async Task<HttpClient> CounterSignInAsync()
    {
        // The instances may still be warming up (the first sign-in hashes a password on a cold process).
        var clerk = cluster.Client(new CookieContainer(), TimeSpan.FromSeconds(60));
        using var form = await clerk.GetAsync("counter/login");
        var html = await form.Content.ReadAsStringAsync();
        using var post = await clerk.PostAsync("counter/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(html, "__RequestVerificationToken"),
            ["Username"] = "clerk1", ["Password"] = "Counter@2026", ["ReturnUrl"] = "/counter",
        }));
        if (post.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"counter sign-in answered {(int)post.StatusCode}");
        return clerk;
    }

    /// <summary>A retry-worthy answer: a clear 503 while a server is away is expected; anything else is kept as bad.</summary>
    /// <summary>The page's messages (WeUI's tips and error texts), short, for the report.</summary>
    private static string Visible(string html)
    {
        var tips = MessageText().Matches(html).Select(m => m.Groups[1].Value.Trim()).Where(t => t.Length > 0).Distinct();
        return PushTraffic.Snippet(string.Join(" / ", tips) is { Length: > 0 } joined ? joined : html);
    }

    [System.Text.RegularExpressions.GeneratedRegex("class=\"[^\"]*(?:weui-toptips|weui-cells__tips|field-validation-error|validation-summary|alert|error)[^\"]*\"[^>]*>([^<]{1,80})<")]
    private static partial System.Text.RegularExpressions.Regex MessageText();

    private void Note(string kind, HttpStatusCode status, string html)
    {
        if (status == HttpStatusCode.ServiceUnavailable && html.Contains(PageTraffic.UnavailableTitle, StringComparison.Ordinal))
            tally.Count(kind, "clear 503");
        else
            tally.Bad(kind, $"{(int)status} {PushTraffic.Snippet(html)}");
    }

    /// <summary>The database's view of every applicant: applications, 销户提取 postings, balance.</summary>
    public async Task<IReadOnlyList<(Applicant Applicant, int Applications, int Postings, decimal Balance)>> LedgerAsync()
    {
        await using var conn = await data.GetRequiredService<FundDatabase>().OpenAsync(default);
        var rows = new List<(Applicant, int, int, decimal)>();
        foreach (var a in Applicants)
        {
            var applications = await conn.QuerySingleAsync<int>("SELECT COUNT(*) FROM withdrawal WHERE grzh = @Grzh", new { a.Grzh });
            var postings = await conn.QuerySingleAsync<int>(
                "SELECT COUNT(*) FROM ledger_entry WHERE grzh = @Grzh AND business_type = '12'", new { a.Grzh });
            var balance = await conn.QuerySingleAsync<decimal>("SELECT balance FROM personal_account WHERE grzh = @Grzh", new { a.Grzh });
            rows.Add((a, applications, postings, balance));
        }
        return rows;
    }

    private static long? StatusId(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } to
            && StatusPath().Match(to.OriginalString) is { Success: true } m ? long.Parse(m.Groups[1].Value) : null;

    private static string Field(string html, string name)
    {
        var m = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"");
        if (!m.Success) throw new InvalidOperationException($"the form has no {name}");
        return WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
    }

    [GeneratedRegex(@"/h5/withdraw/status/(\d+)")]
    private static partial Regex StatusPath();
}
