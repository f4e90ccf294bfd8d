using System.Text.Json;
using System.Text.RegularExpressions;
using Fund.Data.Seed;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// Pages on a phone's network (issue 21, docs/performance.md): the main citizen pages of both channels, H5 in WeChat
/// and the personal hall, cost at most 100 KiB on a first visit (empty HTTP cache) and at most 15 KiB on the next
/// (the static files are fingerprinted and immutable, so only the page itself comes again), counted from Chromium's
/// own network events (bytes on the wire, headers included, compressed where the host compresses). Chart.js is
/// loaded only by the pages that draw a chart. Sizes, not timings: these hold on a loaded machine too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWeightTests(BrowserFixture fixture)
{
    private const long FirstVisitBudget = 100 * 1024;
    private const long NextVisitBudget = 15 * 1024;
    private const string Calculated = "/tools/calculator?amount=600000&home=first&months=360&rate=3.1&method=annuity";

    [Fact]
    public async Task TheH5PagesStayWithinTheBudgetsAndOnlyChartPagesLoadChartJs()
    {
        var zhang = DemoCitizens.All[0];
        var page = await fixture.OpenAsync(zhang.OpenId);
        // The session first (the OAuth round trip), so each measure is the page itself.
        await page.GotoAsync(fixture.BaseUrl + "/h5/account");
        var pages = new (string Path, bool Chart)[]
        {
            ("/h5/tools/calculator", false),
            ("/h5" + Calculated, true),
            ("/h5/account", false),
            ("/h5/statement?year=2022", false), // its chart is SVG drawn by the server
            ("/h5/withdrawals", false),
            ("/h5/withdraw", false),
        };
        var report = new List<string>();
        foreach (var (path, chart) in pages) report.Add(await MeasureAsync(page.Context, path, chart));
        await page.Context.CloseAsync();

        // 登录 for a WeChat user who has not bound an account yet: the sign-in form itself.
        var stranger = await fixture.OpenAsync("weight-openid-" + Guid.NewGuid().ToString("N")[..12]);
        report.Add(await MeasureAsync(stranger.Context, "/h5/login", chart: false));
        await stranger.Context.CloseAsync();
        await File.WriteAllLinesAsync(Path.Combine(HostProcess.ArtifactsDirectory(), "page-weight-h5.txt"), report);
    }

    [Fact]
    public async Task TheHallPagesStayWithinTheBudgetsAndOnlyChartPagesLoadChartJs()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        // A plain phone browser; the APP's service worker is kept out so the HTTP cache alone is measured (the worker
        // only adds a copy of its allow-listed files, fetched once after the first page's load).
        var options = App.AppPhone.PhoneOptions();
        options.ServiceWorkers = ServiceWorkerPolicy.Block;
        var context = await fixture.NewContextAsync(options);
        var report = new List<string> { await MeasureAsync(context, "/hall/login", chart: false) };
        var page = await context.NewPageAsync();
        await fixture.LiftSignInPostLimitsAsync();
        await App.AppPhone.SignInAsync(fixture, page, citizen.Account);
        foreach (var (path, chart) in new (string, bool)[]
                 {
                     ("/hall", false),
                     ("/hall/account", false),
                     ("/hall/statement", false),
                     ("/hall/withdraw", false),
                     ("/hall/tools/calculator", false),
                     ("/hall" + Calculated, true),
                 })
            report.Add(await MeasureAsync(context, path, chart));
        await context.CloseAsync();
        await File.WriteAllLinesAsync(Path.Combine(HostProcess.ArtifactsDirectory(), "page-weight-hall.txt"), report);
    }

    /// <summary>
    /// The page with an empty HTTP cache (cookies kept), then again in a new tab of the same browser; asserts both
    /// budgets and where Chart.js may come from. Returns one line for the report.
    /// </summary>
    private async Task<string> MeasureAsync(IBrowserContext context, string path, bool chart)
    {
        var first = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(first);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.clearBrowserCache");
        var cold = await LoadAsync(first, cdp, path);
        await first.CloseAsync();

        var next = await context.NewPageAsync();
        var nextCdp = await context.NewCDPSessionAsync(next);
        await nextCdp.SendAsync("Network.enable");
        var warm = await LoadAsync(next, nextCdp, path);
        if (path.Contains("statement", StringComparison.Ordinal))
            await Assertions.Expect(next.Locator("svg#balance-chart polyline")).ToHaveCountAsync(1);
        await next.CloseAsync();

        var line = $"{path}: first visit {cold.Bytes / 1024.0:F1} KiB in {cold.Urls.Count} requests, next visit {warm.Bytes / 1024.0:F1} KiB in " +
                   $"{warm.Transferred.Count} transfers ({string.Join(", ", warm.Transferred)}); first: {string.Join(", ", cold.Urls)}";
        Assert.True(cold.Bytes <= FirstVisitBudget, "first visit over 100 KiB: " + line);
        Assert.True(warm.Bytes <= NextVisitBudget, "next visit over 15 KiB: " + line);
        var chartJs = cold.Urls.Where(u => u.Contains("/lib/chart", StringComparison.Ordinal)).ToList();
        if (chart) Assert.True(chartJs.Count == 1, "a chart page without Chart.js: " + line);
        else Assert.True(chartJs.Count == 0, "Chart.js on a page without a chart: " + line);
        // Every static file the page loads is fingerprinted, so the next visit need not ask for it at all.
        Assert.DoesNotContain(warm.Transferred, u => Regex.IsMatch(u, @"\.(css|js|png|ico)(\?|$)"));
        return line;
    }

    private sealed record Load(long Bytes, List<string> Urls, List<string> Transferred);

    private async Task<Load> LoadAsync(IPage page, ICDPSession cdp, string path)
    {
        var urls = new Dictionary<string, string>();
        var sizes = new Dictionary<string, long>();
        var gate = new object();
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
        {
            if (e is not { } ev) return;
            lock (gate) urls[ev.GetProperty("requestId").GetString()!] = ev.GetProperty("request").GetProperty("url").GetString()!;
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is not { } ev) return;
            lock (gate) sizes[ev.GetProperty("requestId").GetString()!] = (long)ev.GetProperty("encodedDataLength").GetDouble();
        };
        var response = await page.GotoAsync(fixture.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.True(response is { Status: 200 }, $"{path}: {response?.Status}");
        // Still signed in: a page that sent the citizen to a sign-in form would measure the wrong page.
        if (!path.Contains("/login", StringComparison.Ordinal)) Assert.DoesNotContain("/login", page.Url);
        lock (gate)
        {
            var bytes = sizes.Values.Sum();
            var transferred = sizes.Where(s => s.Value > 0 && urls.ContainsKey(s.Key))
                .Select(s => $"{Short(urls[s.Key])} {s.Value} B").ToList();
            return new Load(bytes, urls.Values.Select(Short).ToList(), transferred);
        }
    }

    private string Short(string url) => url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) ? url[fixture.BaseUrl.Length..] : url;
}
