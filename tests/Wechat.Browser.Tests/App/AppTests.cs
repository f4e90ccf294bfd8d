using System.Text.Json;
using System.Text.RegularExpressions;
using Fund.Core.Validation;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests.App;

/// <summary>
/// The APP (docs/app.md): the hall installed on a phone. A phone's ordinary browser (no WeChat, no OpenID) at 390×844
/// reaches the guide's APP features from the bottom tabs, Chromium finds the APP installable, and its service worker
/// keeps nothing personal: after signing in, browsing, signing out and going offline the offline page shows and no
/// cache holds a personal page or a word of the citizen's data.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AppTests(BrowserFixture fixture)
{
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    [Fact]
    public async Task TheAppsFeaturesAreReachedFromTheBottomTabsOnAPhone()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var context = await AppPhone.NewContextAsync(fixture);
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);
        await AppPhone.SignInAsync(fixture, page, citizen.Account);

        var tabs = page.Locator("#app-tabs");
        await Assertions.Expect(tabs).ToBeVisibleAsync();
        await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveTextAsync("首页");
        await AppPhone.ShotAsync(page, "app-phone-home");

        // 我的: the guide's 查询服务 and 业务办理, each on its page, each page still under the 我的 tab.
        var mine = new (string Link, string Path, string Shows)[]
        {
            ("个人账户情况", "/hall/account", citizen.Account.Name),
            ("个人明细账", "/hall/statement", "明细账"),
            ("历史提取明细", "/hall/withdrawals", "提取"),
            ("贷款信息", "/hall/loans", "贷款"),
            ("贷款进度", "/hall/loans/progress", "贷款进度"),
            ("手机变更", "/hall/settings/phone", "手机"),
            ("提取业务", "/hall/withdraw", "提取"),
        };
        foreach (var (link, path, shows) in mine)
        {
            await tabs.GetByText("我的", new() { Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/hall/mine$"));
            await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveTextAsync("我的");
            await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"));
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(shows);
            await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveTextAsync("我的");
            await AssertFitsThePhoneAsync(page);
        }
        await tabs.GetByText("我的", new() { Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/hall/mine$"));
        await AppPhone.ShotAsync(page, "app-phone");

        // 便民工具: 合作楼盘, 贷款计算器 and 房贷利率 open in the APP; 服务热线 dials the hotline.
        var tools = new (string Link, string Path, string Shows)[]
        {
            ("合作楼盘", "/hall/tools/developments", "合作楼盘"),
            ("贷款计算器", "/hall/tools/calculator", "贷款计算器"),
            ("房贷利率", "/hall/tools/rates", "利率"),
        };
        foreach (var (link, path, shows) in tools)
        {
            await tabs.GetByText("便民工具", new() { Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/hall/tools$"));
            await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveTextAsync("便民工具");
            await page.Locator("main a").Filter(new() { HasText = link }).First.ClickAsync();
            await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"));
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(shows);
            await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveTextAsync("便民工具");
            await AssertFitsThePhoneAsync(page);
        }
        await tabs.GetByText("便民工具", new() { Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/hall/tools$"));
        var hotline = page.Locator("main a").Filter(new() { HasText = "服务热线" }).First;
        Assert.Equal("tel:12329", await hotline.GetAttributeAsync("href"));

        var violations = await page.EvaluateAsync<string[]>("window.__cspViolations || []");
        Assert.True(violations.Length == 0, string.Join("; ", violations));
        await context.CloseAsync();
    }

    /// <summary>The page reflows into the phone's width: nothing makes the whole page scroll sideways (WCAG 1.4.10).</summary>
    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= width, $"{page.Url}: the page is {scroll} px wide on a {width} px screen");
    }

    [Fact]
    public async Task TheTabsAreThePhonesOnlyTheDesktopHallHasNone()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var context = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "zh-CN",
            UserAgent = AppPhone.DesktopUserAgent,
        });
        var page = await context.NewPageAsync();
        await AppPhone.SignInAsync(fixture, page, citizen.Account);
        await Assertions.Expect(page.Locator("#app-tabs")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("link[rel=manifest]")).ToHaveAttributeAsync("href", "/app/manifest.webmanifest");
        await context.CloseAsync();
    }

    [Fact]
    public async Task ChromiumReportsTheAppInstallable()
    {
        // Not an incognito context: Chromium installs nothing from one (installability error in-incognito).
        var context = await AppPhone.WithProfileAsync(fixture);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/hall/tools");
        await page.EvaluateAsync("navigator.serviceWorker.ready.then(() => true)");

        var cdp = await context.NewCDPSessionAsync(page);
        var manifest = await cdp.SendAsync("Page.getAppManifest");
        Assert.Equal(0, manifest!.Value.GetProperty("errors").GetArrayLength());
        Assert.EndsWith("/app/manifest.webmanifest", manifest.Value.GetProperty("url").GetString());
        using (var parsed = JsonDocument.Parse(manifest.Value.GetProperty("data").GetString()!))
        {
            Assert.Equal("信阳公积金", parsed.RootElement.GetProperty("name").GetString());
            Assert.Equal("standalone", parsed.RootElement.GetProperty("display").GetString());
        }
        var installability = await cdp.SendAsync("Page.getInstallabilityErrors");
        var errors = installability!.Value.GetProperty("installabilityErrors");
        Assert.True(errors.GetArrayLength() == 0, errors.ToString());
        await context.CloseAsync();
    }

    [Fact]
    public async Task AfterSignOutAndOfflineTheCachesHoldNothingPersonal()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var account = citizen.Account;
        var context = await AppPhone.NewContextAsync(fixture);
        var page = await context.NewPageAsync();
        await AppPhone.SignInAsync(fixture, page, account);
        // The worker controls the pages from here on: every page below goes through its fetch handler.
        await page.EvaluateAsync("navigator.serviceWorker.ready.then(() => true)");
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("navigator.serviceWorker.controller !== null"));

        var personal = new[] { "/hall", "/hall/account", "/hall/statement", "/hall/withdrawals", "/hall/loans", "/hall/mine", "/hall/settings/phone" };
        foreach (var path in personal)
        {
            await page.GotoAsync(fixture.BaseUrl + path);
            Assert.EndsWith(path, new Uri(page.Url).AbsolutePath);
        }
        await page.GotoAsync(fixture.BaseUrl + "/hall/account");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(account.Name);

        await AppPhone.SignOutAsync(page);
        await context.SetOfflineAsync(true);
        await page.GotoAsync(fixture.BaseUrl + "/hall/account");
        await Assertions.Expect(page.Locator("#offline")).ToContainTextAsync("网络已断开");
        await AppPhone.ShotAsync(page, "app-offline");

        var cached = await page.EvaluateAsync<CachedEntry[]>("""
            async () => {
                const entries = [];
                for (const name of await caches.keys()) {
                    const cache = await caches.open(name);
                    for (const request of await cache.keys()) {
                        const response = await cache.match(request);
                        entries.push({ cache: name, url: request.url, body: response ? await response.text() : '' });
                    }
                }
                return entries;
            }
            """);
        // The worker did keep its shell (so it ran), and nothing else.
        Assert.Contains(cached, e => e.Url.EndsWith("/app/offline.html", StringComparison.Ordinal));
        foreach (var entry in cached)
        {
            var path = new Uri(entry.Url).AbsolutePath;
            Assert.False(path.StartsWith("/hall", StringComparison.Ordinal) || path.StartsWith("/h5", StringComparison.Ordinal), entry.Url);
            foreach (var secret in new[] { account.Name, account.Grzh, Mask.IdNumber(account.IdNumber), account.IdNumber, Mask.Phone(account.Phone) })
                Assert.False(entry.Body.Contains(secret, StringComparison.Ordinal), $"{entry.Url} holds {secret}");
        }
        await context.CloseAsync();
    }

    public sealed class CachedEntry
    {
        public string Cache { get; set; } = "";
        public string Url { get; set; } = "";
        public string Body { get; set; } = "";
    }
}
