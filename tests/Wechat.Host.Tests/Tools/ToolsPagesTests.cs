using System.Net;

namespace Wechat.Host.Tests.Tools;

/// <summary>Every public tools page over HTTP, as a phone's browser would fetch it.</summary>
[Collection(ToolsHostCollection.Name)]
public class ToolsPagesTests(ToolsHostFactory factory)
{
    private async Task<string> PageAsync(string url)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // Razor entity-encodes non-ASCII text by default; assert on what the citizen reads.
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheIndexLinksEveryTool()
    {
        var html = await PageAsync("/h5/tools");
        foreach (var route in new[] { "calculator", "rates", "outlets", "developments", "guides", "hotline" })
            Assert.Contains($"href=\"/h5/tools/{route}\"", html);
    }

    [Fact]
    public async Task RatesShowTheCurrentTableAndItsHistory()
    {
        var html = await PageAsync("/h5/tools/rates");
        Assert.Contains("2025年5月8日起执行", html);
        Assert.Contains("2.10%", html);
        Assert.Contains("2.60%", html);
        Assert.Contains("2.525%", html);
        Assert.Contains("3.075%", html);
        Assert.Contains("2024年5月18日起执行", html);
        Assert.Contains("2022年10月1日起执行", html);
        Assert.Contains("3.575%", html);
    }

    [Fact]
    public async Task HotlineDialsTwelveThreeTwoNineAndGivesTheHours()
    {
        var html = await PageAsync("/h5/tools/hotline");
        Assert.Contains("href=\"tel:12329\"", html);
        Assert.Contains("周一至周五 8:30-12:00，14:30-17:30，法定节假日除外", html);
    }

    [Fact]
    public async Task GuidesListEveryBusinessAndEachOpensWithConditionsDocumentsAndSteps()
    {
        var index = await PageAsync("/h5/tools/guides");
        foreach (var slug in new[] { "withdrawal-leaving-employment", "withdrawal-emigration", "withdrawal-retirement", "loan", "phone-change", "transfer" })
        {
            Assert.Contains($"/h5/tools/guides/{slug}", index);
            var page = await PageAsync($"/h5/tools/guides/{slug}");
            Assert.Contains("办理条件", page);
            Assert.Contains("所需要件", page);
            Assert.Contains("办理步骤", page);
        }
        Assert.Contains("封存满6个月", await PageAsync("/h5/tools/guides/withdrawal-leaving-employment"));
    }

    [Fact]
    public async Task AnUnknownGuideIsTheFriendly404()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/h5/tools/guides/no-such-business");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
