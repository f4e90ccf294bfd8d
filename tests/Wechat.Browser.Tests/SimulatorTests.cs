using System.Text.RegularExpressions;
using Fund.Core.Validation;
using Fund.Data.Seed;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>The Development simulator at /dev/simulator, driven as a newcomer would use it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SimulatorTests(BrowserFixture fixture)
{
    private async Task<IPage> OpenSimulatorAsync(string choice)
    {
        var page = await fixture.OpenAsync("not-yet-chosen");
        await page.GotoAsync(fixture.BaseUrl + "/dev/simulator");
        await Assertions.Expect(page.Locator("#citizen option")).ToHaveCountAsync(DemoCitizens.All.Count + 1);
        await page.SelectOptionAsync("#citizen", choice);
        if (choice == "new") await Assertions.Expect(page.Locator("#openid")).ToHaveTextAsync(new Regex("^dev-sim-"));
        else await Assertions.Expect(page.Locator("#openid")).ToHaveTextAsync(choice);
        return page;
    }

    private static ILocator LastReply(IPage page) => page.Locator(".bubble.reply").Last;

    private static async Task TapMenuAsync(IPage page, string top, string item)
    {
        await page.Locator(".menu-top", new() { HasText = top }).First.ClickAsync();
        await page.Locator(".menu-sub .menu-item", new() { HasTextRegex = new Regex($"^{item}$") }).ClickAsync();
    }

    [Fact]
    public async Task ZhangWeiFollowsTapsMyAccountAndOpensTheStatementInsideThePhone()
    {
        var zhang = DemoCitizens.All[0];
        var page = await OpenSimulatorAsync(zhang.OpenId);

        await page.ClickAsync("#subscribe");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync("欢迎关注信阳市住房公积金管理中心");
        await BrowserFixture.ShotAsync(page, "simulator-1-follow");
        await page.Locator(".menu-top", new() { HasText = "便民服务" }).ClickAsync();
        // Issue #13.13: a fifth item reaches the tools index (合作楼盘, 房贷利率, 办事指南 …).
        await Assertions.Expect(page.Locator(".menu-sub .menu-item")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator(".menu-sub .menu-item", new() { HasText = "更多服务" })).ToHaveCountAsync(1);
        await BrowserFixture.ShotAsync(page, "simulator-1-menu");
        await page.Locator(".menu-top", new() { HasText = "便民服务" }).ClickAsync();
        await Assertions.Expect(page.Locator(".menu-sub")).ToHaveCountAsync(0);

        await TapMenuAsync(page, "我的账户", "我的账户");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync(Mask.AccountNumber(zhang.Grzh));
        await Assertions.Expect(LastReply(page)).ToContainTextAsync("账户余额：¥");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync(zhang.Name[..1]);
        await BrowserFixture.ShotAsync(page, "simulator-2-my-account");

        await TapMenuAsync(page, "我的账户", "明细账");
        var frame = page.FrameLocator("#h5-frame");
        await Assertions.Expect(frame.Locator("#closing-balance")).Not.ToBeEmptyAsync();
        Assert.True(await frame.Locator(".entry").CountAsync() > 0);
        await Assertions.Expect(page.Locator("#h5-title")).ToContainTextAsync("明细");
        await BrowserFixture.ShotAsync(page, "simulator-3-statement");

        await page.ClickAsync("#h5-close");
        await Assertions.Expect(page.Locator("#h5")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ANewWechatUserRegistersFromTheChatWithTheSmsCodeShownInThePhone()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: false, bound: false);
        var a = citizen.Account;
        var page = await OpenSimulatorAsync("new");

        await page.ClickAsync("#subscribe");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync("首次使用请先绑定");
        await LastReply(page).Locator("a[href$='/h5/login']").ClickAsync();
        var frame = page.FrameLocator("#h5-frame");
        await frame.Locator("text=我要注册").ClickAsync();

        await frame.Locator("#Name").FillAsync(a.Name);
        await frame.Locator("#IdNumber").FillAsync(a.IdNumber);
        await frame.Locator("#Phone").FillAsync(a.Phone);
        await frame.Locator("#Agree").CheckAsync();
        await frame.Locator("#next").ClickAsync();
        await frame.Locator("#Question").SelectOptionAsync("您小学班主任的姓氏？");
        await frame.Locator("#Answer").FillAsync("李");
        await frame.Locator("#next").ClickAsync();

        await frame.Locator("#send-code").ClickAsync();
        await Assertions.Expect(page.Locator("#sms-banner")).ToContainTextAsync(Mask.Phone(a.Phone));
        await BrowserFixture.ShotAsync(page, "simulator-4-sms-code");
        var code = await page.Locator(".sms-code").Last.InnerTextAsync();
        Assert.Equal(await fixture.LatestCodeAsync(a.Phone), code);

        await frame.Locator("#Password").FillAsync("Xyang2026ok");
        await frame.Locator("#ConfirmPassword").FillAsync("Xyang2026ok");
        await frame.Locator("#Code").FillAsync(code);
        await frame.Locator("#submit").ClickAsync();
        await Assertions.Expect(frame.Locator("#done")).ToHaveTextAsync("注册成功");

        await page.ClickAsync("#h5-close");
        await TapMenuAsync(page, "我的账户", "我的账户");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync(Mask.AccountNumber(a.Grzh));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ATypedKeywordIsAnsweredAndItsLinkOpensTheToolInsideThePhone()
    {
        var page = await OpenSimulatorAsync(DemoCitizens.All[1].OpenId);

        await page.ClickAsync("#keyboard-toggle");
        await page.FillAsync("#input", "利率");
        await page.ClickAsync("#send");
        await Assertions.Expect(page.Locator(".msg-out .bubble").Last).ToHaveTextAsync("利率");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync("【房贷利率】");
        await LastReply(page).Locator("a[href$='/h5/tools/rates']").ClickAsync();
        await Assertions.Expect(page.FrameLocator("#h5-frame").Locator("body")).ToContainTextAsync("2025年5月8日起执行");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TemplateAndCustomerServiceMessagesSentLaterAppearInTheChat()
    {
        var page = await OpenSimulatorAsync("new");
        var openId = await page.Locator("#openid").InnerTextAsync();

        await fixture.PushToSimulatorAsync(openId, $$"""
            {"Kind":"template","At":"2026-11-27T08:00:00+00:00","Title":"TPL_WITHDRAWAL","Url":"{{fixture.BaseUrl}}/h5/tools/hotline",
             "Lines":[{"Key":"first","Value":"您的提取申请已受理"},{"Key":"keyword1","Value":"¥12,000.00"}]}
            """);
        await fixture.PushToSimulatorAsync(openId, """{"Kind":"text","At":"2026-11-27T08:00:01+00:00","Text":"您的申请已审核通过"}""");

        var card = page.Locator(".template-card");
        await Assertions.Expect(card).ToContainTextAsync("您的提取申请已受理");
        await Assertions.Expect(card).ToContainTextAsync("¥12,000.00");
        await Assertions.Expect(page.Locator(".bubble.pushed")).ToHaveTextAsync("您的申请已审核通过");
        await card.Locator("a.more").ClickAsync();
        await Assertions.Expect(page.FrameLocator("#h5-frame").Locator("body")).ToContainTextAsync("12329");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Issue 19 item 23: "remit, then pick 张伟" shows what already came: picking a citizen shows their recent messages
    /// (an old code does not pop up as new), then what arrives after.
    /// </summary>
    [Fact]
    public async Task PickingACitizenShowsTheirRecentHistory()
    {
        var openId = "test-sim-" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Bindings.BindAsync(openId, (await fixture.Citizens.CreateAsync(registered: true, bound: false)).Account.Grzh, default);
        await fixture.PushToSimulatorAsync(openId, $$"""
            {"Kind":"template","At":"2026-11-27T08:00:00+00:00","Title":"缴存到账通知","Url":"{{fixture.BaseUrl}}/h5/statement",
             "Lines":[{"Key":"业务摘要","Value":"2026年11月汇缴"},{"Key":"缴存金额","Value":"1200.00元"}]}
            """);
        var page = await fixture.OpenAsync("not-yet-chosen");
        await page.GotoAsync(fixture.BaseUrl + "/dev/simulator");
        await Assertions.Expect(page.Locator("#citizen option")).ToHaveCountAsync(DemoCitizens.All.Count + 1);
        // An OpenID of the caller's, as the page's own "pick" does for a listed citizen.
        await page.EvaluateAsync("id => { const o = document.createElement('option'); o.value = id; o.textContent = '测试'; document.getElementById('citizen').append(o); }", openId);
        await page.SelectOptionAsync("#citizen", openId);

        var card = page.Locator(".template-card");
        await Assertions.Expect(card).ToContainTextAsync("2026年11月汇缴");
        await Assertions.Expect(card).ToContainTextAsync("缴存金额");
        await Assertions.Expect(page.Locator(".system").Filter(new() { HasText = "最近的消息" })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SendingALocationListsTheNearestOutlets()
    {
        var page = await OpenSimulatorAsync(DemoCitizens.All[2].OpenId);

        await page.ClickAsync("#send-location");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync("离您最近的服务网点");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WithSafeModeOffThePlainPushIsRefusedBecauseTheHostHasAnAesKey()
    {
        var page = await OpenSimulatorAsync(DemoCitizens.All[0].OpenId);

        await page.UncheckAsync("#safe-mode");
        await page.ClickAsync("#keyboard-toggle");
        await page.FillAsync("#input", "余额");
        await page.ClickAsync("#send");
        await Assertions.Expect(page.Locator(".system.error").Last).ToContainTextAsync("HTTP 400");
        await Assertions.Expect(page.Locator(".bubble.reply")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
