using System.Text.RegularExpressions;
using Fund.Core.Validation;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>The guide's flows end to end through the real OAuth2 redirects, on fresh accounts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CitizenFlowTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ANewWechatUserRegistersInThreeStepsAndIsBound()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: false, bound: false);
        var a = citizen.Account;
        var page = await fixture.OpenAsync(citizen.OpenId);

        await page.GotoAsync(fixture.BaseUrl + "/h5/account");
        await page.WaitForURLAsync(new Regex("/h5/login"));
        await BrowserFixture.ShotAsync(page, "register-0-login");
        await page.ClickAsync("text=我要注册");

        await page.FillAsync("#Name", a.Name);
        await page.FillAsync("#IdNumber", a.IdNumber);
        await page.FillAsync("#Phone", a.Phone);
        await page.CheckAsync("#Agree");
        await BrowserFixture.ShotAsync(page, "register-1-identity");
        await page.ClickAsync("#next");

        await Assertions.Expect(page.Locator(".step_current")).ToContainTextAsync("密保设置");
        await page.SelectOptionAsync("#Question", "您小学班主任的姓氏？");
        await page.FillAsync("#Answer", "李");
        await BrowserFixture.ShotAsync(page, "register-2-question");
        await page.ClickAsync("#next");

        await Assertions.Expect(page.Locator(".step_current")).ToContainTextAsync("设置密码");
        await page.FillAsync("#Password", "Xyang2026ok");
        await page.FillAsync("#ConfirmPassword", "Xyang2026ok");
        await page.ClickAsync("#send-code");
        await Assertions.Expect(page.Locator("#sms-status.notice")).ToContainTextAsync(Mask.Phone(a.Phone));
        await Assertions.Expect(page.Locator("#send-code")).ToContainTextAsync("秒后重发");
        await Assertions.Expect(page.Locator("#Password")).ToHaveValueAsync("Xyang2026ok");
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(a.Phone));
        await BrowserFixture.ShotAsync(page, "register-3-password");
        await page.ClickAsync("#submit");

        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync("注册成功");
        await BrowserFixture.ShotAsync(page, "register-4-done");
        await page.ClickAsync("text=查看账户信息");
        await Assertions.Expect(page.Locator("#grzh")).ToHaveTextAsync(a.Grzh);
        await Assertions.Expect(page.Locator("#id-number")).ToHaveTextAsync(Mask.IdNumber(a.IdNumber));
        await BrowserFixture.ShotAsync(page, "account");

        // Registering the same person again is refused with a clear message.
        await page.GotoAsync(fixture.BaseUrl + "/h5/register?restart=true");
        await page.FillAsync("#Name", a.Name);
        await page.FillAsync("#IdNumber", a.IdNumber);
        await page.FillAsync("#Phone", a.Phone);
        await page.CheckAsync("#Agree");
        await page.ClickAsync("#next");
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("已注册");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ARegisteredCitizenLogsInWithTheAccountNumberAndTheWechatUserIsBound()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var page = await fixture.OpenAsync(citizen.OpenId);

        await page.GotoAsync(fixture.BaseUrl + "/h5/statement");
        await page.WaitForURLAsync(new Regex("/h5/login"));
        await page.FillAsync("#AccountOrId", citizen.Account.Grzh);
        await page.FillAsync("#Password", "wrong-password1");
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("还可尝试4次");

        await page.FillAsync("#AccountOrId", citizen.Account.IdNumber);
        await page.FillAsync("#Password", Citizens.Password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(new Regex("/h5/statement"));
        await Assertions.Expect(page.Locator("#closing-balance")).Not.ToBeEmptyAsync();
        await BrowserFixture.ShotAsync(page, "login-then-statement");

        await page.GotoAsync(fixture.BaseUrl + "/h5/unbind");
        await BrowserFixture.ShotAsync(page, "unbind");
        await page.ClickAsync("#unbind");
        await page.WaitForURLAsync(new Regex("/h5/login"));
        await page.GotoAsync(fixture.BaseUrl + "/h5/account");
        await page.WaitForURLAsync(new Regex("/h5/login"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ABoundCitizenChangesThePhoneWithACodeSentToTheNewNumber()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var newPhone = "135" + Random.Shared.Next(0, 99_999_999).ToString("00000000");
        var page = await fixture.OpenAsync(citizen.OpenId);

        await page.GotoAsync(fixture.BaseUrl + "/h5/settings/phone");
        await page.FillAsync("#NewPhone", newPhone);
        await page.ClickAsync("#send-code");
        await Assertions.Expect(page.Locator("#sms-status.notice")).ToContainTextAsync(Mask.Phone(newPhone));
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(newPhone));
        // Without the current password the change is refused and the code is not spent.
        await page.FillAsync("#Password", "not-the-password");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("登录密码错误");
        Assert.Equal(citizen.Account.Phone, (await fixture.Accounts.GetAsync(citizen.Account.Grzh, default))!.Phone);
        await page.FillAsync("#Password", Citizens.Password);
        await BrowserFixture.ShotAsync(page, "phone-change");
        await page.ClickAsync("#submit");

        await Assertions.Expect(page.Locator("#current-phone")).ToHaveTextAsync(Mask.Phone(newPhone));
        await BrowserFixture.ShotAsync(page, "phone-changed");
        Assert.Equal(newPhone, (await fixture.Accounts.GetAsync(citizen.Account.Grzh, default))!.Phone);
        // The old number is told, with the new one masked.
        var notice = Assert.Single(await fixture.TextsToAsync(citizen.Account.Phone));
        Assert.Contains(Mask.Phone(newPhone), notice);
        Assert.DoesNotContain(newPhone, notice);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AForgottenPasswordIsResetWithTheSecurityAnswerAndACodeToThePhoneOnFile()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var a = citizen.Account;
        // Someone else's WeChat holds the account (say, whoever learned the old password): the reset releases it.
        var intruder = "o-intruder-" + Guid.NewGuid().ToString("N");
        await fixture.Bindings.BindAsync(intruder, a.Grzh, default);
        var page = await fixture.OpenAsync(citizen.OpenId);

        await page.GotoAsync(fixture.BaseUrl + "/h5/login");
        await page.ClickAsync("text=忘记密码");
        await page.FillAsync("#Name", a.Name);
        await page.FillAsync("#IdNumber", a.IdNumber);
        await page.FillAsync("#Phone", a.Phone);
        // The security question is shown only after the phone is proven.
        await Assertions.Expect(page.Locator("#question")).ToHaveCountAsync(0);
        await page.ClickAsync("#send-code");
        await Assertions.Expect(page.Locator("#sms-status.notice")).ToContainTextAsync(Mask.Phone(a.Phone));
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(a.Phone));
        await page.ClickAsync("#next");
        await Assertions.Expect(page.Locator("#question")).ToHaveTextAsync("您小学班主任的姓氏？");
        await Assertions.Expect(page.Locator("#unbind-warning")).ToContainTextAsync("解除绑定");
        await page.FillAsync("#Answer", Citizens.Answer);
        await page.FillAsync("#Password", "NewPass2026");
        await page.FillAsync("#ConfirmPassword", "NewPass2026");
        await BrowserFixture.ShotAsync(page, "reset-password");
        await page.ClickAsync("#submit");

        await page.WaitForURLAsync(new Regex("/h5/login\\?notice=reset"));
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("解除绑定");
        Assert.Null(await fixture.Bindings.GetGrzhAsync(intruder, default));
        Assert.Single(await fixture.Outbox.ForOpenIdAsync(intruder, default));
        await page.FillAsync("#AccountOrId", a.Grzh);
        await page.FillAsync("#Password", "NewPass2026");
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(new Regex("/h5/account"));
        await Assertions.Expect(page.Locator("#grzh")).ToHaveTextAsync(a.Grzh);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LoansProgressAndWithdrawalsRenderForTheirCitizens()
    {
        var li = await fixture.OpenAsync("demo-openid-2");
        await li.GotoAsync(fixture.BaseUrl + "/h5/loans");
        await Assertions.Expect(li.Locator(".loan")).ToContainTextAsync("XYGJJ2026110001");
        await BrowserFixture.ShotAsync(li, "loans");
        await li.GotoAsync(fixture.BaseUrl + "/h5/loans/progress");
        await Assertions.Expect(li.Locator(".timeline__item_current")).ToContainTextAsync("审批");
        await BrowserFixture.ShotAsync(li, "loan-progress");
        await li.Context.CloseAsync();

        var zhang = await fixture.OpenAsync("demo-openid-1");
        await zhang.GotoAsync(fixture.BaseUrl + "/h5/withdrawals");
        await Assertions.Expect(zhang.Locator(".withdrawal")).ToContainTextAsync("租赁自住住房");
        await BrowserFixture.ShotAsync(zhang, "withdrawals");
        await zhang.Context.CloseAsync();
    }
}
