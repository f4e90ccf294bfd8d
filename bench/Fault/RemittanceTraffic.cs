using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.OperatorCertificates;
using Fund.Core.Validation;
using Fund.Data;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Fault;

/// <summary>One employer of the run: fresh, in arrears since 2000, its operator signed in to the hall with a certificate.</summary>
internal sealed class RemittingEmployer(string dwzh, IReadOnlyList<string> employees, IReadOnlyList<string> boundOpenIds)
{
    public string Dwzh { get; } = dwzh;
    public IReadOnlyList<string> Employees { get; } = employees;
    public IReadOnlyList<string> BoundOpenIds { get; } = boundOpenIds;
    public HttpClient Hall { get; set; } = null!;

    /// <summary>Months the database holds for the employer after the run (set by <see cref="RemittanceTraffic.LedgerAsync"/>).</summary>
    public int Remitted { get; set; }

    /// <summary>Months the hall told the operator were remitted (登记成功, or 已汇缴 for a repeat whose first answer was lost).</summary>
    public ConcurrentDictionary<string, bool> Confirmed { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// 单位汇缴 through the employer hall as operators do it, through nginx's mutual-TLS port with each operator's own
/// certificate from the centre's CA: open 单位汇缴, confirm the month it shows (its headcount and total), read the
/// outcome from the redirect. A confirm that got no answer, or the clear 503 page, is sent again unchanged (the operator
/// clicks again): the hall then answers 已汇缴 when the first went through. Afterwards every confirmed month must be
/// one remittance, one 汇缴/补缴 line per employee and month, and one 缴存到账 notice per bound employee and month.
/// </summary>
internal sealed partial class RemittanceTraffic(Cluster cluster, Tally tally, IServiceProvider data)
{
    private const string Kind = "remit";
    private static readonly DateOnly ArrearsSince = new(2000, 1, 1);

    public List<RemittingEmployer> Employers { get; } = [];

    public async Task PrepareAsync(int employers, int employeesEach, int boundEach, string run)
    {
        var accounts = data.GetRequiredService<MySqlAccountStore>();
        var database = data.GetRequiredService<FundDatabase>();
        var operators = data.GetRequiredService<EmployerOperatorStore>();
        var authority = data.GetRequiredService<CentreAuthority>();
        var passphrase = cluster.Settings["UnitHall__CaPassphrase"];
        for (var e = 0; e < employers; e++)
        {
            var dwzh = "4115" + Random.Shared.NextInt64(80_000_000, 99_999_999).ToString("00000000");
            await accounts.UpsertEmployerAsync(new Employer(dwzh, $"汇缴演练单位{e + 1}", "91411500MA" + Random.Shared.Next(10_000_000, 99_999_999),
                AccountStatus.Normal, 0.12m, 0.12m), default);
            var employees = new List<string>();
            var bound = new List<string>();
            for (var i = 0; i < employeesEach; i++)
            {
                var account = new PersonalAccount
                {
                    Grzh = "48" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"),
                    Name = "汇缴职工", IdNumber = RandomIdNumber(), Phone = "137" + Random.Shared.Next(0, 99_999_999).ToString("00000000"),
                    Dwzh = dwzh, Status = AccountStatus.Normal, ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
                    PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = 0m, PaidUpTo = ArrearsSince, OpenedOn = new DateOnly(1999, 1, 1),
                };
                await accounts.InsertAsync(account, default);
                employees.Add(account.Grzh);
                if (i < boundEach)
                {
                    var openId = $"fault-{run}-r{e}-{i}";
                    await data.GetRequiredService<IBindingStore>().BindAsync(openId, account.Grzh, default);
                    bound.Add(openId);
                }
            }
            await using (var conn = await database.OpenAsync(default))
                await conn.ExecuteAsync("UPDATE employer SET paid_up_to = @since WHERE dwzh = @dwzh",
                    new { since = ArrearsSince.ToDateTime(TimeOnly.MinValue), dwzh });
            // The operator and a certificate from the cluster's CA, as `ca operator` and `ca issue` make them.
            var operatorId = await operators.UpsertAsync(dwzh, "演练经办", RandomIdNumber(),
                new PasswordHasher<string>().HashPassword(dwzh, Guid.NewGuid().ToString("N")), "fault", default);
            var issued = await authority.IssueAsync(operatorId, passphrase, "fault", default);
            var certificate = X509CertificateLoader.LoadPkcs12(issued.Pkcs12, issued.OneTimePassword);
            var employer = new RemittingEmployer(dwzh, employees, bound)
            {
                Hall = cluster.Client(new CookieContainer(), TimeSpan.FromSeconds(15), cluster.HallUrl, certificate),
            };
            await SignInAsync(employer);
            Employers.Add(employer);
        }
    }

    private static string RandomIdNumber()
    {
        var first17 = $"411599{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    private static async Task SignInAsync(RemittingEmployer e)
    {
        var index = await (await e.Hall.GetAsync("unit")).Content.ReadAsStringAsync();
        using var signIn = await e.Hall.PostAsync("unit?handler=Certificate",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Field(index, "__RequestVerificationToken") }));
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString != "/unit/home")
            throw new InvalidOperationException($"{e.Dwzh}: certificate sign-in answered {(int)signIn.StatusCode} → {signIn.Headers.Location}");
    }

    /// <summary>Each employer remits one month after another, one confirm every <paramref name="pace"/> at most.</summary>
    public Task RunAsync(TimeSpan pace, CancellationToken stop) => Task.WhenAll(Employers.Select(async e =>
    {
        while (!stop.IsCancellationRequested)
        {
            await RemitNextAsync(e);
            try { await Task.Delay(pace, stop); } catch (OperationCanceledException) { }
        }
    }));

    private async Task RemitNextAsync(RemittingEmployer e)
    {
        string html;
        try
        {
            using var page = await e.Hall.GetAsync("unit/business/remit");
            html = await page.Content.ReadAsStringAsync();
            if (page.StatusCode != HttpStatusCode.OK) { Note(page.StatusCode, html, page.Headers.Location); return; }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            tally.Count(Kind, "no answer");
            return;
        }
        if (!html.Contains("name=\"Month\"", StringComparison.Ordinal)) { tally.Count(Kind, "paid up"); return; }
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(html, "__RequestVerificationToken"),
            ["Month"] = Field(html, "Month"), ["Headcount"] = Field(html, "Headcount"), ["Total"] = Field(html, "Total"),
        };
        // The operator clicks 确认汇缴 until the hall answers (a lost answer, a server away: the same form again).
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                using var post = await e.Hall.PostAsync("unit/business/remit", new FormUrlEncodedContent(form));
                var answer = await post.Content.ReadAsStringAsync();
                if (post.StatusCode == HttpStatusCode.Redirect && Outcome().Match(post.Headers.Location?.OriginalString ?? "") is { Success: true } m)
                {
                    switch (m.Groups[1].Value)
                    {
                        case "posted":
                            e.Confirmed[m.Groups[2].Value] = true;
                            tally.Count(Kind, "confirmed");
                            return;
                        case "already" when attempt > 0:
                            // The first click went through though its answer was lost.
                            e.Confirmed[m.Groups[2].Value] = true;
                            tally.Count(Kind, "confirmed");
                            tally.Count(Kind, "already (answer lost)");
                            return;
                        default:
                            tally.Bad(Kind, $"{e.Dwzh} {form["Month"]}: done={m.Groups[1].Value} on attempt {attempt + 1}");
                            return;
                    }
                }
                Note(post.StatusCode, answer, post.Headers.Location);
                if (post.StatusCode != HttpStatusCode.ServiceUnavailable) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                tally.Count(Kind, "no answer");
            }
            await Task.Delay(500);
        }
        tally.Bad(Kind, $"{e.Dwzh} {form["Month"]}: no answer within 60 s");
    }

    private void Note(HttpStatusCode status, string html, Uri? location)
    {
        if (status == HttpStatusCode.ServiceUnavailable && html.Contains(PageTraffic.UnavailableTitle, StringComparison.Ordinal))
            tally.Count(Kind, "clear 503");
        else
            tally.Bad(Kind, $"{(int)status} {location} {PushTraffic.Snippet(html)}");
    }

    /// <summary>
    /// Per employer, what the database holds: confirmed months missing from <c>remittance</c>, and employees whose
    /// 汇缴/补缴 lines are not exactly one per remitted month.
    /// </summary>
    public async Task<(int Confirmed, int Remitted, int Lost, int LinesWrong)> LedgerAsync()
    {
        await using var conn = await data.GetRequiredService<FundDatabase>().OpenAsync(default);
        var (confirmed, remitted, lost, wrong) = (0, 0, 0, 0);
        foreach (var e in Employers)
        {
            var months = (await conn.QueryAsync<DateTime>("SELECT month FROM remittance WHERE dwzh = @Dwzh", new { e.Dwzh }))
                .Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            confirmed += e.Confirmed.Count;
            remitted += months.Count;
            e.Remitted = months.Count;
            lost += e.Confirmed.Keys.Count(m => !months.Contains(m));
            foreach (var grzh in e.Employees)
            {
                var lines = await conn.QuerySingleAsync<int>(
                    "SELECT COUNT(*) FROM ledger_entry WHERE grzh = @grzh AND business_type IN ('01', '02')", new { grzh });
                var distinct = await conn.QuerySingleAsync<int>(
                    "SELECT COUNT(DISTINCT memo) FROM ledger_entry WHERE grzh = @grzh AND business_type IN ('01', '02')", new { grzh });
                if (lines != months.Count || distinct != lines) wrong++;
            }
        }
        return (confirmed, remitted, lost, wrong);
    }

    private static string Field(string html, string name)
    {
        var m = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"");
        if (!m.Success) throw new InvalidOperationException($"the form has no {name}");
        return WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
    }

    [GeneratedRegex(@"done=(\w+)&month=(\d{4}-\d{2})")]
    private static partial Regex Outcome();
}
