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
        var requested = new List<string>();
        page.Request += (_, r) => requested.Add(r.Url);
        var response = await page.GotoAsync(fixture.BaseUrl + "/h5/statement?year=2022");

        Assert.Equal(200, response!.Status);
        Assert.StartsWith(fixture.BaseUrl + "/h5/statement?year=2022", page.Url);
        Assert.DoesNotContain("code=", page.Url);
        await Assertions.Expect(page.Locator(".weui-cells__title").First).ToContainTextAsync("2022 年明细");
        await Assertions.Expect(page.Locator(".entry").Filter(new() { HasText = "部分提取" })).ToHaveCountAsync(1);
        // The chart is drawn in the page itself (SVG, no script): visible, a line through the opening balance and the
        // balance after each entry, named for screen readers; every balance is also in the list of entries.
        var entries = await page.Locator(".entry").CountAsync();
        Assert.True(entries >= 2);
        var chart = page.Locator("svg#balance-chart");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart).ToHaveAttributeAsync("role", "img");
        await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^2022 年余额变化：年初 [0-9,.]+ 元，期末 [0-9,.]+ 元"));
        var points = (await chart.Locator("polyline").GetAttributeAsync("points"))!.Split(' ');
        Assert.Equal(entries + 1, points.Length);
        var box = (await chart.BoundingBoxAsync())!;
        Assert.True(box.Width > 200 && box.Height > 80, $"chart {box.Width}×{box.Height}");
        // The line rises with the balance: the opening point lies lower on screen than the highest balance's.
        var ys = points.Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ys.Min() < ys.Max());
        await Assertions.Expect(page.Locator(".entry .weui-cell__desc").Filter(new() { HasText = "余额" })).ToHaveCountAsync(entries);
        var closing = await page.Locator("#closing-balance").InnerTextAsync();
        await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("期末 " + System.Text.RegularExpressions.Regex.Escape(closing) + " 元"));
        Assert.DoesNotContain(requested, u => u.Contains("chart", StringComparison.OrdinalIgnoreCase));
        await BrowserFixture.ShotAsync(page, "statement-2022");

        await page.SelectOptionAsync("#year", "2020");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/h5/statement\\?year=2020"));
        await Assertions.Expect(page.Locator(".weui-cells__title").First).ToContainTextAsync("2020 年明细");
        await page.Context.CloseAsync();
    }
}
