using System.Net;
using System.Text.RegularExpressions;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Loans;
using Fund.Core.Validation;
using Fund.Data.Seed;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Wechat.Host.Tests.Counter;

/// <summary>The counter console over HTTP: its own sign-in, roles, antiforgery, and the loan progress update.</summary>
public sealed partial class CounterConsoleTests : IClassFixture<FundHostFactory>
{
    private readonly FundHostFactory factory;

    public CounterConsoleTests(FundHostFactory factory) => this.factory = factory;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        TokenPattern().Match(await client.GetStringAsync(url)).Groups[1].Value;

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string username, string password)
    {
        var token = await TokenAsync(client, "/counter/login");
        return await client.PostAsync("/counter/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    [Fact]
    public async Task TheConsoleSendsStrangersToItsOwnLoginAndACitizensSessionDoesNotCount()
    {
        using var client = Client();
        var response = await client.GetAsync("/counter");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/counter/login", response.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/counter/documents/1")).StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAndARightOneSignsInWithACookieScopedToTheCounter()
    {
        using var client = Client();
        var wrong = await SignInAsync(client, "clerk1", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("用户名或密码错误", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));

        var right = await SignInAsync(client, "clerk1", DemoCounterStaff.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var cookie = Assert.Single(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("counter_auth=", StringComparison.Ordinal));
        Assert.Contains("path=/counter", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/counter")).StatusCode);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        using var client = Client();
        await SignInAsync(client, "clerk1", DemoCounterStaff.Password);
        var response = await client.PostAsync("/counter/applications/1?handler=Approve", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AClerkCannotUpdateLoanProgress()
    {
        using var client = Client();
        await SignInAsync(client, "clerk1", DemoCounterStaff.Password);
        var response = await client.GetAsync("/counter/loans");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/counter/denied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ASupervisorAddsALoanStageWhichIsShownAuditedAndQueuedForTheBorrower()
    {
        var (contractNo, openId) = await BorrowerAsync();
        using var client = Client();
        await SignInAsync(client, "super1", DemoCounterStaff.Password);
        var token = await TokenAsync(client, "/counter/loans");
        var response = await client.PostAsync("/counter/loans", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ContractNo"] = contractNo, ["Stage"] = "审批", ["Note"] = "审批通过", ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("并已通知借款人", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));

        var services = factory.Services;
        Assert.Equal("审批", (await services.GetRequiredService<ILoanStore>().GetProgressAsync(contractNo, default))[^1].Stage);
        var queued = Assert.Single(await services.GetRequiredService<NotificationOutbox>().ForOpenIdAsync(openId, default));
        Assert.Equal((TemplateKeys.LoanProgress, "/h5/loans/progress"), (queued.TemplateKey, queued.Url));
        var audit = Assert.Single(await services.GetRequiredService<AuditTrail>().ForTargetAsync("loan:" + contractNo, default));
        Assert.Equal(("staff:super1", "loan.stage"), (audit.Actor, audit.Action));
    }

    [Fact]
    public async Task LoginAttemptsBeyondTenAMinuteAreTurnedAway()
    {
        // A host of its own, so its limiter counts only this test's requests.
        await using var own = new FundHostFactory();
        using var client = own.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // Looking at the sign-in page is not a try: a clerk reloading it is never turned away.
        for (var i = 0; i < 12; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/counter/login")).StatusCode);

        var token = await TokenAsync(client, "/counter/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            // Names that do not exist, so no account's own lockout answers instead of the address limit.
            var response = await client.PostAsync("/counter/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Username"] = "nobody" + i, ["Password"] = "wrong-password-1", ["__RequestVerificationToken"] = token,
            }));
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[11]);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockAStaffUserEvenAgainstTheRightOne()
    {
        // A clerk of this test's own (locking clerk1 would stop the other tests), and a host of its own so the
        // per-address limiter (ten a minute) does not answer first.
        await using var own = new FundHostFactory();
        var username = "t" + Guid.NewGuid().ToString("N")[..12];
        await own.Services.GetRequiredService<CounterStaffStore>().UpsertAsync(new CounterStaff(username, "测试柜员",
            new Microsoft.AspNetCore.Identity.PasswordHasher<string>().HashPassword(username, "Right-2026"), CounterRole.Clerk), default);
        using var client = own.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await TokenAsync(client, "/counter/login");
        Task<HttpResponseMessage> PostAsync(string password) => client.PostAsync("/counter/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Username"] = username, ["Password"] = password, ["__RequestVerificationToken"] = token }));

        for (var i = 0; i < 5; i++) Assert.Contains("用户名或密码错误", await (await PostAsync("wrong-" + i)).Content.ReadAsStringAsync());
        var locked = await PostAsync("Right-2026");
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("已锁定", await locked.Content.ReadAsStringAsync());
        // Refused tries are counts per window, account and address (issue 19 item 28), not an audit row each.
        await PostAsync("wrong-again");
        var audit = await own.Services.GetRequiredService<AuditTrail>().ForTargetAsync("counter", default);
        Assert.DoesNotContain(audit, e => e.Actor == "staff:" + username);
        var refused = await own.Services.GetRequiredService<SignInRefusals>().ForTargetAsync("staff:" + username, default);
        Assert.Equal(5, Assert.Single(refused, r => r.Action == "staff.login-failed").Tries);
        var lockedRow = Assert.Single(refused, r => r.Action == "staff.login-locked");
        Assert.Equal(2, lockedRow.Tries);
        Assert.Single(refused.Select(r => r.ClientAddress).Distinct());
        Assert.StartsWith("10.", lockedRow.ClientAddress);
    }

    private async Task<(string ContractNo, string OpenId)> BorrowerAsync()
    {
        var services = factory.Services;
        var accounts = services.GetRequiredService<MySqlAccountStore>();
        await accounts.UpsertEmployerAsync(new Employer("411509999997", "主机测试单位", "91411500MA4TEST002", AccountStatus.Normal, 0.12m, 0.12m), default);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1975, 1, 1).AddDays(Random.Shared.Next(0, 9000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var grzh = "45" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");
        await accounts.InsertAsync(new PersonalAccount
        {
            Grzh = grzh, Name = "借款测试", IdNumber = first17 + IdNumber.CheckCharacter(first17),
            Phone = "135" + Random.Shared.Next(0, 99_999_999).ToString("00000000"), Dwzh = "411509999997", Status = AccountStatus.Normal,
            ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m, PersonalMonthly = 600m, EmployerMonthly = 600m,
            Balance = 0m, OpenedOn = new DateOnly(2020, 1, 1),
        }, default);
        var contractNo = "TEST" + Random.Shared.NextInt64(0, 999_999_999_999).ToString("000000000000");
        await services.GetRequiredService<MySqlLoanStore>().InsertAsync(new Loan
        {
            ContractNo = contractNo, Grzh = grzh, Amount = 300000m, TermMonths = 240, AnnualRate = 0.026m,
            Method = RepaymentMethod.EqualInstalment, Status = LoanStatus.InProgress, OutstandingPrincipal = 300000m,
        }, default);
        var openId = "host-" + Guid.NewGuid().ToString("N")[..20];
        await services.GetRequiredService<IBindingStore>().BindAsync(openId, grzh, default);
        return (contractNo, openId);
    }
}
