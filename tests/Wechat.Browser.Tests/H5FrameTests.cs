using System.Text;
using System.Text.RegularExpressions;
using Fund.Core.Validation;
using Fund.Data.Seed;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// Issue #13: what a citizen trips over on every page — the header and its back button, related links instead of the
/// same nine, 返回公众号, [hidden] buttons, the loading state, an expired session, WeUI's link colour, the statement's
/// -0.00, printing and download, the masked unbind page and the partner development details.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class H5FrameTests(BrowserFixture fixture)
{
    private static readonly DemoCitizens.Citizen Zhang = DemoCitizens.All[0];

    [Fact]
    public async Task APageHasAHeaderWhoseBackReturnsAndAFewRelatedLinksNotItself()
    {
        var page = await fixture.OpenAsync(Zhang.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/account");
        await page.ClickAsync("#related-links a[href='/h5/statement']");
        await page.WaitForURLAsync(new Regex("/h5/statement$"));

        await Assertions.Expect(page.Locator("#site-header .site-header__title")).ToHaveTextAsync("明细账");
        await Assertions.Expect(page.Locator("#back")).ToBeVisibleAsync();
        Assert.Equal("/h5/account", await page.Locator("#back").GetAttributeAsync("href"));
        var related = page.Locator("#related-links a");
        Assert.InRange(await related.CountAsync(), 2, 4);
        await Assertions.Expect(page.Locator("#related-links a[href='/h5/statement']")).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(page, "frame-statement-header");

        await page.ClickAsync("#back");
        // History navigation may be restored from the back-forward cache, which fires no new load event.
        // Back to the page as it was entered, with the #wechat_redirect the sign-in redirects carried along.
        await page.WaitForURLAsync(new Regex("/h5/account(#wechat_redirect)?$"), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#balance")).Not.ToBeEmptyAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LinksUseWeuiLinkColour()
    {
        var page = await fixture.OpenAsync(Zhang.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/account");

        var colour = await page.Locator(".site-footer a[href='tel:12329']").EvaluateAsync<string>("a => getComputedStyle(a).color");

        Assert.Equal("rgb(87, 107, 149)", colour);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReturnToTheChatClosesTheWindowInsideWechat()
    {
        var page = await fixture.OpenAsync(Zhang.OpenId);
        await page.AddInitScriptAsync("window.WeixinJSBridge = { call: function (name) { window.__bridgeCalls = (window.__bridgeCalls || []).concat([name]); } };");
        await page.GotoAsync(fixture.BaseUrl + "/h5/register/done");

        await Assertions.Expect(page.Locator("#back-to-chat")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "frame-back-to-chat");
        await page.ClickAsync("#back-to-chat");

        Assert.Equal(["closeWindow"], await page.EvaluateAsync<string[]>("() => window.__bridgeCalls"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OutsideWechatTheHiddenWeuiButtonsStayHidden()
    {
        var page = await fixture.OpenAsync(Zhang.OpenId, BrowserFixture.PhoneBrowserUserAgent);
        await page.GotoAsync(fixture.BaseUrl + "/h5/register/done");

        // #13.8: .weui-btn{display:block} used to beat the hidden attribute (拍照或从相册选择 showed outside WeChat).
        var button = page.Locator("#back-to-chat");
        await Assertions.Expect(button).ToHaveCountAsync(1);
        await Assertions.Expect(button).ToHaveClassAsync(new Regex("weui-btn"));
        await Assertions.Expect(button).ToBeHiddenAsync();
        Assert.Equal("none", await button.EvaluateAsync<string>("b => getComputedStyle(b).display"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ASubmitButtonShowsItIsWorkingAndIgnoresASecondTap()
    {
        var page = await fixture.OpenAsync("frame-loading-viewer");
        await page.GotoAsync(fixture.BaseUrl + "/h5/tools/developments");
        var requests = 0;
        // Hold the search for a moment, as a slow phone network would.
        await page.RouteAsync(new Regex("/h5/tools/developments\\?q="), async route =>
        {
            Interlocked.Increment(ref requests);
            await Task.Delay(1500);
            await route.ContinueAsync();
        });
        await page.FillAsync("input[name=q]", "示范");

        // Tap, look, tap again, all before the (held) response arrives; Playwright's own click would wait for the page.
        var taps = await page.EvaluateAsync<bool[]>("""
            () => {
                const prevented = [];
                window.addEventListener('submit', e => prevented.push(e.defaultPrevented));
                const b = document.querySelector('.tools-search__go');
                b.click();
                const loading = b.classList.contains('weui-btn_loading') && b.querySelector('.weui-loading') !== null
                    && b.getAttribute('aria-busy') === 'true';
                b.click();
                return [loading, ...prevented];
            }
            """);
        await page.WaitForURLAsync(new Regex("q=%E7%A4%BA%E8%8C%83"));
        await Assertions.Expect(page.Locator(".tools-development").First).ToBeVisibleAsync();

        Assert.Equal([true, false, true], taps); // loading after the first tap; the first went, the second was held back
        Assert.Equal(1, requests);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFormPostedAfterTheSessionLapsedSaysWhyItIsEmpty()
    {
        var page = await fixture.OpenAsync(Zhang.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/settings/password");
        await Assertions.Expect(page.Locator("#session-expired")).ToHaveCountAsync(0);
        await page.Context.ClearCookiesAsync(new() { Name = "h5_sid" });

        // The page's button is named "submit", which shadows form.submit(); call the prototype's.
        await page.EvaluateAsync("() => HTMLFormElement.prototype.submit.call(document.querySelector('form[method=post]'))");

        await page.WaitForURLAsync(new Regex("/h5/settings/password\\?session=expired(#wechat_redirect)?$"));
        await Assertions.Expect(page.Locator("#session-expired")).ToContainTextAsync("登录已过期");
        await BrowserFixture.ShotAsync(page, "frame-session-expired");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheUnbindPageMasksTheAccountNumber()
    {
        var page = await fixture.OpenAsync(Zhang.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/unbind");

        var text = await page.Locator(".page__desc").InnerTextAsync();

        Assert.Contains(Mask.AccountNumber(Zhang.Grzh), text);
        Assert.DoesNotContain(Zhang.Grzh, text);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AYearWithoutWithdrawalsShowsZeroSpendingNotMinusZero()
    {
        var page = await fixture.OpenAsync(Zhang.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/statement?year=2020");

        await Assertions.Expect(page.Locator("#total-out")).ToHaveTextAsync("0.00");
        await Assertions.Expect(page.Locator("#total-in")).ToHaveTextAsync(new Regex(@"^\+[\d,]+\.\d\d$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheStatementPrintsAsATableWithoutTheScreensChrome()
    {
        var page = await fixture.OpenAsync(Zhang.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/statement?year=2022");
        await Assertions.Expect(page.Locator("#print-table")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#print")).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator("#print-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#print-head")).ToContainTextAsync(Zhang.Grzh);
        await Assertions.Expect(page.Locator("#print-table tbody tr")).ToHaveCountAsync(await page.Locator(".entry").CountAsync());
        foreach (var chrome in new[] { "#site-header", "#related-links", "#print", ".entries", "#balance-chart" })
            await Assertions.Expect(page.Locator(chrome)).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(HostProcess.ArtifactsDirectory(), "statement-print.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDownloadIsTheBoundCitizensOwnYearAsCsv()
    {
        var li = DemoCitizens.All[1];
        var page = await fixture.OpenAsync(Zhang.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/statement?year=2022");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);

        Assert.Equal($"明细账-{Zhang.Grzh}-2022.csv", download.SuggestedFilename);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains($"姓名,{Zhang.Name},个人账号,{Zhang.Grzh},年度,2022", csv);
        Assert.Contains("部分提取", csv);
        Assert.DoesNotContain(li.Grzh, csv);

        // Only the session's account: another citizen asking for the same file gets their own.
        var other = await fixture.OpenAsync(li.OpenId);
        var response = await other.APIRequest.GetAsync(fixture.BaseUrl + "/h5/statement?handler=Csv&year=2022&grzh=" + Zhang.Grzh);
        var theirs = await response.TextAsync();
        Assert.DoesNotContain(Zhang.Grzh, theirs);
        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task ADevelopmentOpensItsDetailsWithWhatToDoNext()
    {
        var page = await fixture.OpenAsync("frame-development-viewer");
        await page.GotoAsync(fixture.BaseUrl + "/h5/tools/developments?q=%E6%B5%89%E6%B2%B3%E6%B9%BE");
        await page.ClickAsync(".tools-development");
        await page.WaitForURLAsync(new Regex(@"/h5/tools/developments/\d+$"));

        await Assertions.Expect(page.Locator("#development-name")).ToContainTextAsync("浉河湾示范花园（演示）");
        await Assertions.Expect(page.Locator("#sales-phone")).ToHaveAttributeAsync("href", new Regex("^tel:0376-"));
        await Assertions.Expect(page.Locator("#banks")).ToContainTextAsync("银行");
        await Assertions.Expect(page.Locator("#related-links a[href='/h5/tools/guides/loan']")).ToHaveCountAsync(1);
        Assert.Equal("/h5/tools/developments", await page.Locator("#back").GetAttributeAsync("href"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the detail page is {overflow}px wider than the phone");
        await BrowserFixture.ShotAsync(page, "tools-development-detail");

        var missing = await page.GotoAsync(fixture.BaseUrl + "/h5/tools/developments/999999999");
        Assert.Equal(404, missing!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheCounterConsoleUsesTheDesktopWidthAndStaysOneColumnOnAPhone()
    {
        var desktop = await fixture.OpenAsync("counter-desktop", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36", desktop: true);
        await SignInAsClerkAsync(desktop);
        var columns = await desktop.Locator(".counter-queues").EvaluateAsync<string>("e => getComputedStyle(e).gridTemplateColumns");
        Assert.Equal(2, columns.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(await desktop.Locator(".counter-page").EvaluateAsync<double>("e => e.getBoundingClientRect().width") > 1000);
        await BrowserFixture.ShotAsync(desktop, "counter-desktop-queue");

        var phone = await fixture.OpenAsync("counter-phone");
        await SignInAsClerkAsync(phone);
        Assert.Equal("block", await phone.Locator(".counter-queues").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the console is {overflow}px wider than the phone");
        await desktop.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    private async Task SignInAsClerkAsync(IPage page)
    {
        await page.GotoAsync(fixture.BaseUrl + "/counter");
        await page.WaitForURLAsync(new Regex("/counter/login"));
        await page.FillAsync("#Username", "clerk2");
        await page.FillAsync("#Password", DemoCounterStaff.Password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(new Regex("/counter$"));
    }
}
