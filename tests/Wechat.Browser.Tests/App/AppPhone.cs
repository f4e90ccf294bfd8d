using System.Text.RegularExpressions;
using Fund.Core.Accounts;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests.App;

/// <summary>The APP's browser: a phone's ordinary browser at 390×844, no WeChat, no OpenID; and the hall's sign-in.</summary>
internal static class AppPhone
{
    public const string DesktopUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    /// <summary>The phone's screen, touch and browser, for a new context (callers may add to it).</summary>
    public static BrowserNewContextOptions PhoneOptions() => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "zh-CN",
        UserAgent = BrowserFixture.PhoneBrowserUserAgent,
    };

    public static Task<IBrowserContext> NewContextAsync(BrowserFixture fixture) => fixture.NewContextAsync(PhoneOptions());

    /// <summary>The same phone with a profile on disk, as a real phone's browser has: the one Chromium will install from.</summary>
    public static Task<IBrowserContext> WithProfileAsync(BrowserFixture fixture) => fixture.LaunchProfileAsync(new BrowserTypeLaunchPersistentContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "zh-CN",
        UserAgent = BrowserFixture.PhoneBrowserUserAgent,
    });

    /// <summary>Signs in at /hall/login with the test password; a new browser proves the phone with the SMS code.</summary>
    public static async Task SignInAsync(BrowserFixture fixture, IPage page, PersonalAccount account)
    {
        await page.GotoAsync(fixture.BaseUrl + "/hall/login");
        await page.FillAsync("#AccountOrId", account.Grzh);
        await page.FillAsync("#Password", Citizens.Password);
        await page.ClickAsync("#login");
        await page.Locator("#Code").WaitForAsync();
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(account.Phone));
        await page.ClickAsync("#verify");
        // Wait for the hall's own page rather than the load event: twice (CI from a fresh clone, and a filtered run)
        // the wait for "load" timed out at 30 s although Playwright's log showed "networkidle" had fired, so no
        // request of the page was still open.
        await page.WaitForURLAsync(new Regex("/hall$"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#logout").WaitForAsync();
    }

    /// <summary>退出 at the top right, as on every signed-in hall page.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("#logout");
        // As after signing in: the sign-in page's own field, not the load event (a fresh-clone CI run timed out at 30 s
        // waiting for "load" here with the service worker in control, although "networkidle" had fired).
        await page.WaitForURLAsync(new Regex("/hall/login"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#AccountOrId").WaitForAsync();
    }

    /// <summary>What the phone's screen shows (not the whole page: the tabs stay at the bottom of the screen).</summary>
    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HostProcess.ArtifactsDirectory(), name + ".png") });
}
