using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>Every public tools page in the 390-pixel WeChat viewport: it loads, and nothing is wider than the phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ToolsPhoneViewportTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("tools-index", "/h5/tools", "便民服务")]
    [InlineData("tools-calculator", "/h5/tools/calculator?amount=600000&months=360&method=annuity", "等额本息")]
    [InlineData("tools-calculator-principal", "/h5/tools/calculator?amount=600000&months=240&method=principal", "等额本金")]
    [InlineData("tools-rates", "/h5/tools/rates", "2025年5月8日起执行")]
    [InlineData("tools-outlets", "/h5/tools/outlets", "（演示）")]
    [InlineData("tools-developments", "/h5/tools/developments", "合作楼盘")]
    [InlineData("tools-hotline", "/h5/tools/hotline", "12329")]
    [InlineData("tools-guides", "/h5/tools/guides", "办事指南")]
    [InlineData("tools-guide-loan", "/h5/tools/guides/loan", "贷款")]
    public async Task TheToolsPageFitsThePhone(string name, string path, string expected)
    {
        var page = await fixture.OpenAsync("tools-viewer");

        var response = await page.GotoAsync(fixture.BaseUrl + path);

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(expected);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{path} is {overflow}px wider than the phone");
        await BrowserFixture.ShotAsync(page, name);
        await page.Context.CloseAsync();
    }
}
