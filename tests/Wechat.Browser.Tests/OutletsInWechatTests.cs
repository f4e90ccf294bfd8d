using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>Inside WeChat the outlets page asks the JS-SDK for the position, signed with the same config as uploads.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OutletsInWechatTests(BrowserFixture fixture)
{
    // Stands in for jweixin: records the config and answers getLocation from 固始县城, but only when asked for GCJ-02.
    private const string FakeJsSdk = """
        window.wx = {
          config: function (c) { window.wxConfigured = c; },
          ready: function (f) { setTimeout(f, 0); },
          getLocation: function (o) { if (o.type === 'gcj02') o.success({ latitude: 32.17, longitude: 115.65 }); else o.fail({}); }
        };
        """;

    [Fact]
    public async Task TappingTheButtonUsesWechatsLocationAndSortsNearestFirst()
    {
        var page = await fixture.OpenAsync("outlets-viewer");
        await page.RouteAsync("https://res.wx.qq.com/**", route =>
            route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/javascript", Body = FakeJsSdk }));

        await page.GotoAsync(fixture.BaseUrl + "/h5/tools/outlets");
        var config = JsonNode.Parse((await page.Locator("#wx-config").TextContentAsync())!)!;
        var signed = $"jsapi_ticket={await fixture.CachedJsapiTicketAsync()}&noncestr={config["nonceStr"]}&timestamp={config["timestamp"]}&url={page.Url}";
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(signed)));
        Assert.Equal(expected, config["signature"]!.GetValue<string>());
        Assert.Equal(["getLocation"], await page.EvaluateAsync<string[]>("() => window.wxConfigured.jsApiList"));

        await page.ClickAsync("#locate");
        await page.WaitForURLAsync("**/h5/tools/outlets?lat=32.170000&lon=115.650000");
        await Assertions.Expect(page.Locator(".tools-outlet__name").First).ToContainTextAsync("固始县管理部");
        await page.Context.CloseAsync();
    }
}
