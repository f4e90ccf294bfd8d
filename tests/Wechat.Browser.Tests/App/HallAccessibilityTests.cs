using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests.App;

/// <summary>
/// Every page of the hall and the APP passes axe-core's WCAG 2 A/AA rules with no violation, at the hall's desktop
/// width (1366×768) and the APP's phone width (390×844), and lets the citizen zoom (many of the fund's users are older).
/// The pages are found by following the hall's own links from its entry pages, signed out and signed in, so a page
/// added to the hall is checked without being named here.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HallAccessibilityTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Desktop = new() { Width = 1366, Height = 768 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Links not to follow: leaving the hall, downloads and printouts (not pages), the way out.</summary>
    private static bool IsPageToVisit(string path) =>
        path.StartsWith("/hall", StringComparison.Ordinal) && !path.StartsWith("/hall/logout", StringComparison.Ordinal)
        && !Regex.IsMatch(path, "csv|download|document|print|format=", RegexOptions.IgnoreCase);

    [Fact]
    public async Task EveryPublicHallPageAndTheOfflinePagePassAxeAndZoom()
    {
        var context = await NewDesktopAsync();
        var page = await context.NewPageAsync();
        var pages = await CrawlAsync(page, ["/hall/login", "/hall/register", "/hall/reset-password", "/hall/tools", "/hall/agreement",
            "/hall/tools/calculator?amount=1000000&months=360&rate=3.1&method=annuity"]);
        Assert.Contains("/hall/tools/rates", pages);
        pages.Add("/app/offline.html");
        await CheckAllAsync(page, pages);
        await context.CloseAsync();
    }

    [Fact]
    public async Task EverySignedInHallAndAppPagePassesAxeAndZoom()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var context = await NewDesktopAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/hall/login");
        await page.FillAsync("#AccountOrId", citizen.Account.Grzh);
        await page.FillAsync("#Password", Citizens.Password);
        await page.ClickAsync("#login");
        await page.Locator("#Code").WaitForAsync();
        // The sign-in's second step (a code for a new browser) is a page of its own.
        await CheckAsync(page, "/hall/login (SMS code step)");
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(citizen.Account.Phone));
        await page.ClickAsync("#verify");
        await page.WaitForURLAsync(new Regex("/hall$"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HostProcess.ArtifactsDirectory(), "hall-home.png") });

        var pages = await CrawlAsync(page, ["/hall", "/hall/mine", "/hall/settings"]);
        foreach (var expected in new[] { "/hall/account", "/hall/statement", "/hall/withdrawals", "/hall/loans", "/hall/loans/progress",
                     "/hall/settings/phone", "/hall/withdraw", "/hall/mine" })
            Assert.Contains(expected, pages);
        await CheckAllAsync(page, pages);
        await context.CloseAsync();
    }

    private Task<IBrowserContext> NewDesktopAsync() => fixture.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = Desktop,
        Locale = "zh-CN",
        UserAgent = AppPhone.DesktopUserAgent,
    });

    /// <summary>The hall pages reachable by links from <paramref name="starts"/> (one per path; the first query seen).</summary>
    private async Task<List<string>> CrawlAsync(IPage page, IEnumerable<string> starts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<string>();
        var queue = new Queue<string>(starts);
        while (queue.Count > 0 && found.Count < 80)
        {
            var url = queue.Dequeue();
            // One page of a kind: /hall/tools/developments/7 stands for every development.
            var path = Regex.Replace(url.Split('?', '#')[0], "/[0-9]+$", "/{id}");
            if (!seen.Add(path)) continue;
            var probe = await page.APIRequest.GetAsync(fixture.BaseUrl + url, new() { MaxRedirects = 0 });
            if (probe.Status != 200 || !(probe.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                continue;
            await page.GotoAsync(fixture.BaseUrl + url);
            found.Add(url);
            var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.getAttribute('href'))");
            foreach (var href in hrefs)
                if (href.StartsWith('/') && IsPageToVisit(href)) queue.Enqueue(href.Split('#')[0]);
        }
        return found;
    }

    private async Task CheckAllAsync(IPage page, IEnumerable<string> urls)
    {
        var failures = new List<string>();
        foreach (var url in urls)
        {
            await page.GotoAsync(fixture.BaseUrl + url);
            failures.AddRange(await FailuresAsync(page, url));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task CheckAsync(IPage page, string name)
    {
        var failures = await FailuresAsync(page, name);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>axe at both widths, and the viewport's zoom, of the page as it stands.</summary>
    private static async Task<List<string>> FailuresAsync(IPage page, string name)
    {
        var failures = new List<string>();
        var viewport = await page.GetAttributeAsync("meta[name=viewport]", "content") ?? "";
        if (Regex.IsMatch(viewport, @"user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0*)?\b", RegexOptions.IgnoreCase))
            failures.Add($"{name}: zoom is not allowed ({viewport})");
        foreach (var size in new[] { Desktop, Phone })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            var violations = await Accessibility.ViolationsAsync(page);
            if (violations.Count > 0) failures.Add($"[{size.Width}×{size.Height}] " + Accessibility.Describe(name, violations));
        }
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        return failures;
    }
}
