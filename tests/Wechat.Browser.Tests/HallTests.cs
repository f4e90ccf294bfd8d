using System.Text.RegularExpressions;
using Fund.Core.Validation;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// The personal web hall walked as the centre's guide describes it (sections 1–7), in a desktop browser at 1366×768
/// with a plain Chrome user agent: no WeChat, no OpenID. The pages are H5's, reached under /hall.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HallTests(BrowserFixture fixture)
{
    /// <summary>Password, then on a browser not remembered the code texted to the phone on record; lands on the hall's home.</summary>
    internal static async Task SignInAsync(BrowserFixture fixture, IPage page, string accountOrId, string phone, string password = Citizens.Password,
        bool expectCode = true, string? shot = null)
    {
        await fixture.LiftSignInPostLimitsAsync();
        await page.GotoAsync(fixture.BaseUrl + "/hall/login");
        await page.FillAsync("#AccountOrId", accountOrId);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("#login");
        if (expectCode)
        {
            await Assertions.Expect(page.Locator("#new-browser")).ToContainTextAsync(Mask.Phone(phone));
            if (shot is not null) await BrowserFixture.ShotAsync(page, shot);
            await page.FillAsync("#Code", await fixture.LatestCodeAsync(phone));
            await page.ClickAsync("#verify");
        }
        await page.WaitForURLAsync(new Regex("/hall$"));
        await Assertions.Expect(page.Locator("#hall-header")).ToContainTextAsync("退出");
    }

    [Fact]
    public async Task Section1ARegistrationNeedsTheAgreementAndBindsNoWechat()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: false, bound: false);
        var a = citizen.Account;
        var page = await fixture.OpenDesktopAsync();
        await page.GotoAsync(fixture.BaseUrl + "/hall/login");
        await BrowserFixture.ShotAsync(page, "hall-1-login");
        await page.ClickAsync("#register-link");
        await page.WaitForURLAsync(new Regex("/hall/register$"));

        await page.FillAsync("#Name", a.Name);
        await page.FillAsync("#IdNumber", a.IdNumber);
        await page.FillAsync("#Phone", a.Phone);
        await page.ClickAsync("#next");
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("请阅读并同意《网上服务协议》");

        await page.ClickAsync("#agreement-link");
        await Assertions.Expect(page.Locator("#agreement-title")).ToContainTextAsync("网上服务协议");
        Assert.EndsWith("/hall/agreement", page.Url);
        await page.ClickAsync("#back-to-register");
        await page.FillAsync("#Name", a.Name);
        await page.FillAsync("#IdNumber", a.IdNumber);
        await page.FillAsync("#Phone", a.Phone);
        await page.CheckAsync("#Agree");
        await page.ClickAsync("#next");
        await page.SelectOptionAsync("#Question", "您的出生地？");
        await page.FillAsync("#Answer", "信阳");
        await page.ClickAsync("#next");
        await page.FillAsync("#Password", "Hall2026abc");
        await page.FillAsync("#ConfirmPassword", "Hall2026abc");
        await page.ClickAsync("#send-code");
        await Assertions.Expect(page.Locator("#sms-status")).ToContainTextAsync(Mask.Phone(a.Phone));
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(a.Phone));
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync("注册成功");
        Assert.EndsWith("/hall/register/done", page.Url);
        Assert.NotNull(await fixture.Logins.GetAsync(a.Grzh, default));
        // Registered outside WeChat: no WeChat user holds the account, and the hall asks for a sign-in next.
        Assert.Null(await fixture.Bindings.GetGrzhAsync(citizen.OpenId, default));
        await Assertions.Expect(page.Locator("#hall-header")).Not.ToContainTextAsync("退出");

        await page.ClickAsync("#go-login");
        await fixture.LiftSmsCooldownAsync(a.Phone);
        await SignInAsync(fixture, page, a.IdNumber, a.Phone, "Hall2026abc");
        await Assertions.Expect(page.Locator("#welcome")).ToContainTextAsync(a.Name);
        await BrowserFixture.ShotAsync(page, "hall-2-home");
    }

    [Fact]
    public async Task Section2AResetReleasesThePasswordLockAndTheNewPasswordSignsIn()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var a = citizen.Account;
        var page = await fixture.OpenDesktopAsync();
        await fixture.LiftSignInPostLimitsAsync();
        await page.GotoAsync(fixture.BaseUrl + "/hall/login");
        for (var i = 0; i < 5; i++)
        {
            await page.FillAsync("#AccountOrId", a.Grzh);
            await page.FillAsync("#Password", $"Wrong{i}2026abc");
            await page.ClickAsync("#login");
        }
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("密码登录已暂停15分钟");

        await page.ClickAsync("#reset-link");
        await page.FillAsync("#Name", a.Name);
        await page.FillAsync("#IdNumber", a.IdNumber);
        await page.FillAsync("#Phone", a.Phone);
        await page.ClickAsync("#send-code");
        await Assertions.Expect(page.Locator("#sms-status")).ToContainTextAsync(Mask.Phone(a.Phone));
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(a.Phone));
        await page.ClickAsync("#next");
        await Assertions.Expect(page.Locator("#question")).ToContainTextAsync("您小学班主任的姓氏？");
        await page.FillAsync("#Answer", Citizens.Answer);
        await page.FillAsync("#Password", "Reset2026abc");
        await page.FillAsync("#ConfirmPassword", "Reset2026abc");
        await BrowserFixture.ShotAsync(page, "hall-3-reset");
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync(new Regex("/hall/login\\?notice=reset$"));
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("密码已重置");

        await fixture.LiftSmsCooldownAsync(a.Phone);
        await SignInAsync(fixture, page, a.Grzh, a.Phone, "Reset2026abc");
    }

    [Fact]
    public async Task Section3SettingsChangePasswordAndPhoneAndListTheRememberedBrowser()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var a = citizen.Account;
        var page = await fixture.OpenDesktopAsync();
        await SignInAsync(fixture, page, a.Grzh, a.Phone, shot: "hall-4-new-browser-code");
        // The bound WeChat is told that a new browser signed in, through the outbox.
        Assert.Contains(await fixture.Outbox.ForOpenIdAsync(citizen.OpenId, default), m => m.TemplateKey == "AccountSecurity");

        await page.ClickAsync("#hall-settings");
        await Assertions.Expect(page.Locator(".remembered-browser")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".remembered-browser")).ToContainTextAsync("Chrome · Windows");
        await Assertions.Expect(page.Locator(".remembered-browser")).ToContainTextAsync("当前浏览器");
        await BrowserFixture.ShotAsync(page, "hall-5-settings");

        await page.ClickAsync("#go-password");
        Assert.EndsWith("/hall/settings/password", page.Url);
        await page.FillAsync("#OldPassword", Citizens.Password);
        await page.FillAsync("#NewPassword", "Change2026abc");
        await page.FillAsync("#ConfirmPassword", "Change2026abc");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("密码已修改");

        var newPhone = "137" + Random.Shared.Next(0, 99_999_999).ToString("00000000");
        await page.GotoAsync(fixture.BaseUrl + "/hall/settings/phone");
        await page.FillAsync("#NewPhone", newPhone);
        await page.FillAsync("#Password", "Change2026abc");
        await page.ClickAsync("#send-code");
        await Assertions.Expect(page.Locator("#sms-status")).ToContainTextAsync(Mask.Phone(newPhone));
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(newPhone));
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync(Mask.Phone(newPhone));
        Assert.NotEmpty(await fixture.TextsToAsync(a.Phone));

        // 退出, then back in on the remembered browser: no code this time.
        await page.ClickAsync("#logout");
        await page.WaitForURLAsync(new Regex("/hall/login\\?notice=signedout$"));
        await SignInAsync(fixture, page, a.Grzh, newPhone, "Change2026abc", expectCode: false);

        // Revoked in 设置, the browser needs a code again.
        await page.GotoAsync(fixture.BaseUrl + "/hall/settings");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.ClickAsync(".forget-browser");
        await Assertions.Expect(page.Locator("#no-browsers")).ToBeVisibleAsync();
        await page.ClickAsync("#logout");
        await fixture.LiftSmsCooldownAsync(newPhone);
        await SignInAsync(fixture, page, a.Grzh, newPhone, "Change2026abc", expectCode: true);
    }

    [Fact]
    public async Task Section4QueriesShowTheSignedInAccountsRecordsWithYearPrintAndCsv()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var a = citizen.Account;
        var page = await fixture.OpenDesktopAsync();
        await SignInAsync(fixture, page, a.IdNumber, a.Phone);

        await page.ClickAsync("#go-account");
        await Assertions.Expect(page.Locator("#grzh")).ToHaveTextAsync(a.Grzh);
        await Assertions.Expect(page.Locator("#id-number")).ToHaveTextAsync(Mask.IdNumber(a.IdNumber));
        await BrowserFixture.ShotAsync(page, "hall-6-account");

        await page.GotoAsync(fixture.BaseUrl + "/hall");
        await page.ClickAsync("#go-statement");
        await Assertions.Expect(page.Locator("#year option")).ToHaveCountAsync(2);
        await page.SelectOptionAsync("#year", "2025");
        await page.WaitForURLAsync(new Regex("/hall/statement\\?year=2025$"));
        await Assertions.Expect(page.Locator("#print")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "hall-7-statement");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.Equal($"明细账-{a.Grzh}-2025.csv", download.SuggestedFilename);
        Assert.Contains(a.Grzh, await File.ReadAllTextAsync((await download.PathAsync())!));

        foreach (var (link, path) in new[] { ("#go-loans", "/hall/loans"), ("#go-progress", "/hall/loans/progress"), ("#go-withdrawals", "/hall/withdrawals") })
        {
            await page.GotoAsync(fixture.BaseUrl + "/hall");
            await page.ClickAsync(link);
            Assert.EndsWith(path, page.Url);
            Assert.Equal(200, (await page.ReloadAsync())!.Status);
        }
    }

    [Fact]
    public async Task Section4ALoanHolderSeesLoanAndProgress()
    {
        var page = await fixture.OpenDesktopAsync();
        await fixture.LiftSmsCooldownAsync("13803760003");
        await SignInAsync(fixture, page, "411500000003", "13803760003", "Fund@2026");
        await page.GotoAsync(fixture.BaseUrl + "/hall/loans");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("贷款");
        await Assertions.Expect(page.Locator(".hall-main")).Not.ToContainTextAsync("暂无");
        await BrowserFixture.ShotAsync(page, "hall-8-loans");
    }

    [Fact]
    public async Task Section5AWithdrawalIsAppliedForWithUploadsCardAndProofAndItsStatusShown()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture);
        var page = await fixture.OpenDesktopAsync();
        await SignInAsync(fixture, page, citizen.Account.Grzh, citizen.Account.Phone);

        await page.ClickAsync("#go-withdraw");
        await Assertions.Expect(page.Locator("#type-1 .eligibility")).ToContainTextAsync("已满6个月");
        await BrowserFixture.ShotAsync(page, "hall-9-withdraw-types");
        await page.ClickAsync("#type-1 .start");
        Assert.Contains("/hall/withdraw/apply", page.Url);
        await page.FillAsync("#fact-leftOn", WithdrawalFlowTests.SealedSevenMonthsAgo().AddDays(-1).ToString("yyyy-MM-dd"));
        await page.FillAsync("#fact-formerEmployer", "浏览器测试单位");
        await page.ClickAsync("#create-material");
        await Assertions.Expect(page.Locator(".material.selected")).ToContainTextAsync("浏览器测试单位");
        await Assertions.Expect(page.Locator("#card-masked")).ToHaveTextAsync("**** **** **** 0128");
        await WithdrawalFlowTests.UploadAsync(page, 1, "front.png", "image/png", WithdrawalFlowTests.Png);
        await WithdrawalFlowTests.UploadAsync(page, 2, "back.png", "image/png", WithdrawalFlowTests.Png);
        await WithdrawalFlowTests.UploadAsync(page, 3, "termination.pdf", "application/pdf", WithdrawalFlowTests.Pdf);
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(3);
        Assert.Contains("/hall/withdraw/apply", page.Url);
        // An uploaded document opens in the hall, for its owner.
        var document = await page.Locator(".uploaded").First.GetAttributeAsync("href");
        Assert.StartsWith("/hall/withdraw/documents/", document);
        Assert.Equal(200, (await page.Context.APIRequest.GetAsync(fixture.BaseUrl + document)).Status);

        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#submit-error")).ToContainTextAsync("请输入登录密码");
        await fixture.LiftSmsCooldownAsync(citizen.Account.Phone);
        await WithdrawalFlowTests.ProveAsync(fixture, page, citizen, "submit");
        await BrowserFixture.ShotAsync(page, "hall-10-withdraw-proof");
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync(new Regex("/hall/withdraw/status/\\d+$"));
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已提交");
        await BrowserFixture.ShotAsync(page, "hall-11-withdraw-status");
        Assert.NotNull(await fixture.Applications.OpenIdAsync(citizen.Account.Grzh, default));

        await page.GotoAsync(fixture.BaseUrl + "/hall/withdrawals");
        await Assertions.Expect(page.Locator(".hall-main")).ToContainTextAsync("已提交");
    }

    [Fact]
    public async Task Section6ToolsPreviewTheFormsAndTheGuidesWithoutSigningIn()
    {
        var page = await fixture.OpenDesktopAsync();
        await page.GotoAsync(fixture.BaseUrl + "/hall/tools");
        await page.ClickAsync("a[href='/hall/tools/forms']");
        await Assertions.Expect(page.Locator(".form-link")).ToHaveCountAsync(3);
        await page.ClickAsync(".form-link >> nth=0");
        await Assertions.Expect(page.Locator("#form-title")).ToHaveTextAsync("住房公积金提取申请表");
        await Assertions.Expect(page.Locator("#form-preview")).ToContainTextAsync("银行卡号");
        await Assertions.Expect(page.Locator("#print-form")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "hall-12-form-preview");
        await page.GotoAsync(fixture.BaseUrl + "/hall/tools/guides");
        await page.ClickAsync("a[href='/hall/tools/guides/withdrawal-rent']");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("租赁自住住房提取");
        Assert.EndsWith("/hall/tools/guides/withdrawal-rent", page.Url);
    }

    [Fact]
    public async Task Section7OutletsShowAddressHoursPhoneAndMap()
    {
        var page = await fixture.OpenDesktopAsync();
        await page.GotoAsync(fixture.BaseUrl + "/hall/tools/outlets");
        var first = page.Locator(".tools-outlet").First;
        await Assertions.Expect(first).ToContainTextAsync("地址");
        await Assertions.Expect(first).ToContainTextAsync("办公时间");
        Assert.StartsWith("tel:", await first.Locator("a[href^='tel:']").GetAttributeAsync("href"));
        Assert.StartsWith("http", await first.Locator("text=地图导航").GetAttributeAsync("href"));
        await BrowserFixture.ShotAsync(page, "hall-13-outlets");
    }

    [Fact]
    public async Task APersonalPageNeedsTheSignInAndReturnsThereAndBackShowsNothingAfterSignOut()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var page = await fixture.OpenDesktopAsync();
        var response = await page.GotoAsync(fixture.BaseUrl + "/hall/statement");
        Assert.Contains("/hall/login?returnUrl=%2Fhall%2Fstatement", page.Url);
        await fixture.LiftSignInPostLimitsAsync();
        await page.FillAsync("#AccountOrId", citizen.Account.Grzh);
        await page.FillAsync("#Password", Citizens.Password);
        await page.ClickAsync("#login");
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(citizen.Account.Phone));
        await page.ClickAsync("#verify");
        await page.WaitForURLAsync(new Regex("/hall/statement$"));
        var personal = await page.GotoAsync(fixture.BaseUrl + "/hall/account");
        Assert.Contains("no-store", personal!.Headers["cache-control"]);

        await page.ClickAsync("#logout");
        await page.WaitForURLAsync(new Regex("/hall/login\\?notice=signedout$"));
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(citizen.Account.Grzh);
    }
}
