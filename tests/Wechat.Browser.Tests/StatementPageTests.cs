using Fund.Data.Seed;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class StatementPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ABoundCitizenReadsAYearOfTheStatementWithItsBalanceChart()
    {
        var zhang = DemoCitizens.All[0];
        var page = await fixture.OpenAsync(zhang.OpenId);
        var response = await page.GotoAsync(fixture.BaseUrl + "/h5/statement?year=2022");

        Assert.Equal(200, response!.Status);
        Assert.StartsWith(fixture.BaseUrl + "/h5/statement?year=2022", page.Url);
        Assert.DoesNotContain("code=", page.Url);
        await Assertions.Expect(page.Locator(".weui-cells__title").First).ToContainTextAsync("2022 年明细");
        await Assertions.Expect(page.Locator(".entry").Filter(new() { HasText = "部分提取" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#balance-chart[data-ready=true]")).ToHaveCountAsync(1);
        await BrowserFixture.ShotAsync(page, "statement-2022");

        await page.SelectOptionAsync("#year", "2020");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/h5/statement\\?year=2020"));
        await Assertions.Expect(page.Locator(".weui-cells__title").First).ToContainTextAsync("2020 年明细");
        await page.Context.CloseAsync();
    }
}
