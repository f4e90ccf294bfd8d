using System.Text.RegularExpressions;
using Fund.Data.Seed;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// Issue 19 item 26 (适老化): every H5 citizen page and the sign-ins pass axe-core's WCAG 2 A/AA rules with no
/// violation — zoom allowed, enough contrast, links told apart by more than colour, labelled fields — and the large
/// type mode (长辈版/大字) is one tap away on every page and stays chosen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    /// <summary>Pages of a bound citizen (张伟, with a loan history and withdrawals in the demo data).</summary>
    public static TheoryData<string> BoundPages => new()
    {
        "/h5/account", "/h5/statement?year=2022", "/h5/certificate", "/h5/loans", "/h5/loans/progress", "/h5/withdrawals",
        "/h5/withdraw", "/h5/settings/password", "/h5/settings/phone", "/h5/unbind",
        "/h5/tools", "/h5/tools/calculator?amount=1000000&months=360&rate=3.1&method=principal", "/h5/tools/rates",
        "/h5/tools/outlets", "/h5/tools/developments", "/h5/tools/guides", "/h5/tools/guides/phone-change", "/h5/tools/hotline",
    };

    /// <summary>The sign-ins and what leads to them, for a WeChat user not yet bound.</summary>
    public static TheoryData<string> SignInPages => new() { "/h5/login", "/h5/register", "/h5/reset-password", "/h5/agreement" };

    private async Task AssertPageAsync(string openId, string path)
    {
        var page = await fixture.OpenAsync(openId);
        var response = await page.GotoAsync(fixture.BaseUrl + path);
        Assert.True(response!.Ok, $"{path}: HTTP {response.Status}");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(BoundPages))]
    public Task ACitizensPageHasNoAccessibilityViolation(string path) => AssertPageAsync(DemoCitizens.All[0].OpenId, path);

    [Theory]
    [MemberData(nameof(SignInPages))]
    public Task ASignInPageHasNoAccessibilityViolation(string path) => AssertPageAsync("test-" + Guid.NewGuid().ToString("N")[..20], path);

    [Fact]
    public async Task TheWithdrawalStepsHaveNoAccessibilityViolation()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture, card: false);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.StartEmploymentEndedAsync(fixture, page, "");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EveryPageAllowsZooming()
    {
        var page = await fixture.OpenAsync(DemoCitizens.All[0].OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/account");
        var viewport = await page.GetAttributeAsync("meta[name=viewport]", "content");
        Assert.DoesNotContain("user-scalable=no", viewport);
        Assert.DoesNotContain("maximum-scale=1", viewport);
        await page.Context.CloseAsync();
    }

    /// <summary>Height of the account page's balance line, which grows with the type size.</summary>
    private static Task<double> TextHeightAsync(IPage page) =>
        page.EvaluateAsync<double>("() => document.querySelector('.page__title').getBoundingClientRect().height");

    [Fact]
    public async Task LargeTypeIsOneTapAwayOnEveryPageAndStaysChosen()
    {
        var page = await fixture.OpenAsync(DemoCitizens.All[0].OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/account");
        var standard = await TextHeightAsync(page);

        await page.ClickAsync("#large-type");
        await page.WaitForURLAsync(new Regex("/h5/account$"));
        await Assertions.Expect(page.Locator("html.large-type")).ToHaveCountAsync(1);
        Assert.True(await TextHeightAsync(page) >= standard * 1.2, "large type is not larger");
        await BrowserFixture.ShotAsync(page, "large-type-account");
        await Accessibility.AssertNoViolationsAsync(page);

        // Kept on the next page and the next visit; the same place turns it off.
        await page.GotoAsync(fixture.BaseUrl + "/h5/tools/calculator");
        await Assertions.Expect(page.Locator("html.large-type")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#large-type")).ToHaveTextAsync("标准字");
        await page.ClickAsync("#large-type");
        await page.WaitForURLAsync(new Regex("/h5/tools/calculator$"));
        await Assertions.Expect(page.Locator("html.large-type")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#large-type")).ToHaveTextAsync("大字");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheSignInOffersLargeTypeToo()
    {
        var page = await fixture.OpenAsync("test-" + Guid.NewGuid().ToString("N")[..20]);
        await page.GotoAsync(fixture.BaseUrl + "/h5/login");
        await page.ClickAsync("#large-type");
        await page.WaitForURLAsync(new Regex("/h5/login"));
        await Assertions.Expect(page.Locator("html.large-type")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
