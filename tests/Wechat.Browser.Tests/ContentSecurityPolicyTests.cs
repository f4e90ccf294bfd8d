using System.Text.RegularExpressions;
using Fund.Data.Seed;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// The pages work under the Content-Security-Policy (no inline script): the browser reports no violation while
/// the statement's chart draws, a select submits its form, the calculator charts, the simulator runs and the
/// console's delete buttons ask first.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture)
{
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private async Task<IPage> OpenAsync(string openId)
    {
        var page = await fixture.OpenAsync(openId);
        await page.AddInitScriptAsync(RecordViolations);
        return page;
    }

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<string[]>("window.__cspViolations || []");
        Assert.True(violations.Length == 0, page.Url + ": " + string.Join("; ", violations));
    }

    [Fact]
    public async Task CitizensPagesRunTheirScriptsWithoutAViolation()
    {
        var page = await OpenAsync(DemoCitizens.All[0].OpenId);
        var response = await page.GotoAsync(fixture.BaseUrl + "/h5/statement?year=2022");
        Assert.Contains("script-src 'self' https://res.wx.qq.com https://res2.wx.qq.com", response!.Headers["content-security-policy"]);
        await Assertions.Expect(page.Locator("svg#balance-chart polyline")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#year", "2021");
        await page.WaitForURLAsync(new Regex("/h5/statement\\?year=2021"));
        await AssertNoViolationsAsync(page);

        await page.GotoAsync(fixture.BaseUrl + "/h5/tools/calculator?amount=1000000&months=360&rate=3.1&method=annuity");
        await page.WaitForFunctionAsync("() => window.Chart !== undefined && Chart.getChart('repayment-chart') !== undefined");
        await AssertNoViolationsAsync(page);

        await page.GotoAsync(fixture.BaseUrl + "/h5/tools/developments");
        var district = page.Locator("select[name=district]");
        var choice = await district.Locator("option").Nth(1).GetAttributeAsync("value");
        await district.SelectOptionAsync(choice!);
        await page.WaitForURLAsync(new Regex("district="));
        await AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheSimulatorRunsUnderThePolicy()
    {
        var page = await OpenAsync("not-yet-chosen");
        await page.GotoAsync(fixture.BaseUrl + "/dev/simulator");
        await Assertions.Expect(page.Locator("#citizen option")).ToHaveCountAsync(DemoCitizens.All.Count + 1);
        await page.SelectOptionAsync("#citizen", DemoCitizens.All[0].OpenId);
        await page.ClickAsync("#subscribe");
        await Assertions.Expect(page.Locator(".bubble.reply").Last).ToContainTextAsync("欢迎关注");
        await AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheConsolesDeleteButtonAsksFirstAndCancellingKeepsTheRow()
    {
        var page = await OpenAsync("not-used");
        await page.GotoAsync(fixture.BaseUrl + "/counter/login");
        await page.FillAsync("#Username", "super1");
        await page.FillAsync("#Password", DemoCounterStaff.Password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(new Regex("/counter$"));
        await page.GotoAsync(fixture.BaseUrl + "/counter/reference/outlets");
        var rows = await page.Locator("form[data-confirm]").CountAsync();
        Assert.True(rows > 0);

        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.DismissAsync(); };
        await page.Locator("form[data-confirm] button").First.ClickAsync();

        Assert.Equal("确定删除该网点？", asked);
        Assert.EndsWith("/counter/reference/outlets", page.Url);
        Assert.Equal(rows, await page.Locator("form[data-confirm]").CountAsync());
        await AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
