using System.Net;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Ledger;
using Fund.Core.Validation;
using Fund.Data;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.H5;

/// <summary>
/// The statement page sent again as rendered (issue 21) keeps every guarantee of the page it replaces: a posting
/// published by another host shows on the next page, one citizen's page never answers another, the session cookie is
/// checked before every page, and the page stays <c>no-store</c>. Two whole hosts on one MariaDB and Redis.
/// </summary>
public sealed class RenderedStatementTests : IAsyncLifetime
{
    private readonly FundHostFactory _page = new();
    private readonly FundHostFactory _writer = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await _writer.DisposeAsync();
    }

    private RenderedStatements Rendered => _page.Services.GetRequiredService<RenderedStatements>();

    private async Task<(string Grzh, string OpenId)> CitizenAsync(string name, decimal amount)
    {
        var services = _writer.Services;
        var store = services.GetRequiredService<MySqlAccountStore>();
        await store.UpsertEmployerAsync(new Employer("411509999997", "明细账测试单位", "91411500MA4TEST997", AccountStatus.Normal, 0.12m, 0.12m), default);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1980, 1, 1).AddDays(Random.Shared.Next(0, 9000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var grzh = "47" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");
        await store.InsertAsync(new PersonalAccount
        {
            Grzh = grzh, Name = name, IdNumber = first17 + IdNumber.CheckCharacter(first17),
            Phone = "135" + Random.Shared.Next(0, 99_999_999).ToString("00000000"), Dwzh = "411509999997",
            Status = AccountStatus.Normal, ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = 0m, PaidUpTo = new DateOnly(2026, 10, 1),
            OpenedOn = new DateOnly(2020, 1, 1),
        }, default);
        var openId = "rendered-" + grzh;
        await services.GetRequiredService<IBindingStore>().BindAsync(openId, grzh, default);
        await services.GetRequiredService<MySqlLedgerStore>().PostAsync(grzh,
            [(new DateOnly(2024, 3, 10), BusinessType.Remittance, amount, "汇缴（2024年03月）")], default);
        return (grzh, openId);
    }

    private async Task<string> SessionAsync(string openId) =>
        (await _page.Services.GetRequiredService<H5SessionStore>().CreateAsync(openId)).Id;

    private async Task<HttpResponseMessage> GetAsync(string sessionId, string url = "/h5/statement?year=2024", string? extraCookie = null)
    {
        using var client = _page.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", "h5_sid=" + sessionId + (extraCookie is null ? "" : "; " + extraCookie));
        return await client.SendAsync(request);
    }

    private async Task<string> PageAsync(string sessionId, string url = "/h5/statement?year=2024", string? extraCookie = null)
    {
        var response = await GetAsync(sessionId, url, extraCookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task TheSamePageIsSentAgainUntilAPostingOnTheOtherHostAndThenShowsIt()
    {
        var (grzh, openId) = await CitizenAsync("明细甲", 1200m);
        var sid = await SessionAsync(openId);

        var first = await PageAsync(sid);
        Assert.Contains("汇缴（2024年03月）", first);
        var served = Rendered.Served;
        var second = await PageAsync(sid);
        Assert.Equal(first, second);
        Assert.Equal(served + 1, Rendered.Served);

        // A change behind the stores' back (nothing published) is not seen: the page came from the copy.
        await using (var conn = await _writer.Services.GetRequiredService<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE ledger_entry SET memo = '汇缴（改过）' WHERE grzh = @grzh", new { grzh });
        Assert.Equal(first, await PageAsync(sid));

        // A correction to that past year posted through the other host shows on the very next page.
        await _writer.Services.GetRequiredService<MySqlLedgerStore>().PostAsync(grzh,
            [(new DateOnly(2024, 12, 20), BusinessType.BackPayment, 300m, "补缴（2024年更正）")], default);
        var after = await PageAsync(sid);
        Assert.Contains("补缴（2024年更正）", after);
        Assert.Contains("1,500.00", after);
        Assert.Contains("汇缴（改过）", after);
        Assert.Contains("2 笔", after);
    }

    [Fact]
    public async Task OneCitizensRenderedPageNeverAnswersAnotherAndEachVariantIsItsOwn()
    {
        var (_, oa) = await CitizenAsync("明细乙", 111m);
        var (gb, ob) = await CitizenAsync("明细丙", 222m);
        var (sa, sb) = (await SessionAsync(oa), await SessionAsync(ob));

        for (var i = 0; i < 2; i++)
        {
            var a = await PageAsync(sa);
            var b = await PageAsync(sb);
            Assert.Contains("明细乙", a);
            Assert.DoesNotContain("明细丙", a);
            Assert.Contains("明细丙", b);
            Assert.DoesNotContain("明细乙", b);
        }

        // 大字 and the expired-session notice are part of the page: neither is answered with the other's rendering.
        var large = await PageAsync(sa, extraCookie: "large_type=1");
        Assert.Contains("class=\"large-type\"", large);
        Assert.DoesNotContain("class=\"large-type\"", await PageAsync(sa));
        Assert.Contains("session-expired", await PageAsync(sa, "/h5/statement?year=2024&session=expired"));
        Assert.DoesNotContain("session-expired", await PageAsync(sa));

        // b's account moves to a's WeChat user: a's next page is b's account, b's OpenID has no page any more.
        await _writer.Services.GetRequiredService<IBindingStore>().BindAsync(oa, gb, default);
        var moved = await PageAsync(sa);
        Assert.Contains("明细丙", moved);
        Assert.DoesNotContain("明细乙", moved);
        var gone = await GetAsync(sb);
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        Assert.StartsWith("/h5/login", gone.Headers.Location!.ToString());
    }

    [Fact]
    public async Task TheSessionIsCheckedBeforeEveryRenderedPage()
    {
        var (_, openId) = await CitizenAsync("明细丁", 333m);
        var sessions = _page.Services.GetRequiredService<H5SessionStore>();
        var sid = await SessionAsync(openId);
        await PageAsync(sid);
        await PageAsync(sid);

        await sessions.DeleteAsync(sid);
        var signedOut = await GetAsync(sid);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("oauth2/authorize", signedOut.Headers.Location!.ToString());
        Assert.DoesNotContain("明细丁", await signedOut.Content.ReadAsStringAsync());
    }
}
