using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>The axe-core check itself: it loads under a strict CSP, names what it finds, and passes a sound page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture fixture)
{
    private async Task<IPage> ServeAsync(string html)
    {
        var page = await fixture.OpenAsync("axe-self-test");
        // A made-up origin with the site's own kind of policy: no inline script, scripts from 'self' only.
        await page.RouteAsync("http://axe.test/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'" },
            Body = html,
        }));
        await page.GotoAsync("http://axe.test/page");
        return page;
    }

    [Fact]
    public async Task TheCheckRunsUnderTheSitesPolicyAndNamesEachRuleWithItsTargets()
    {
        var page = await ServeAsync("""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试</title>
            <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no"></head>
            <body><main><h1>测试</h1><img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb;background:#fff" id="pale">浅灰色文字</p></main></body></html>
            """);

        var violations = await Accessibility.ViolationsAsync(page);
        var ids = violations.Select(v => v.Id).ToList();
        Assert.Contains("meta-viewport", ids);
        Assert.Contains("image-alt", ids);
        Assert.Contains("color-contrast", ids);
        Assert.Contains("#no-alt", violations.Single(v => v.Id == "image-alt").Targets[0]);

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Accessibility.AssertNoViolationsAsync(page));
        Assert.Contains("image-alt", failure.Message);
        Assert.Contains("#pale", failure.Message);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ASoundPageHasNoViolations()
    {
        var page = await ServeAsync("""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body><main><h1>测试</h1><label for="n">姓名</label><input id="n" name="n"><p style="color:#333">说明文字</p></main></body></html>
            """);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
