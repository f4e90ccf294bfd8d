using System.Text.RegularExpressions;
using Fund.Core.Validation;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>What a citizen changes before review: the card (with proof), materials, uploads, and the application itself.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WithdrawalChangesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AFirstCardIsSavedOnlyWithThePasswordAndACodeToThePhoneOnRecord()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture, card: false);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.StartEmploymentEndedAsync(fixture, page, "card");

        await Assertions.Expect(page.Locator("#holder")).ToHaveAttributeAsync("readonly", "");
        await page.SelectOptionAsync("#BankName", "中国工商银行");
        await page.FillAsync("#CardNumber", "1234 5678");
        await page.ClickAsync("#save-card");
        await Assertions.Expect(page.Locator("#card-error")).ToContainTextAsync("银行卡号无效");
        await page.FillAsync("#CardNumber", LuhnFailing());
        await page.ClickAsync("#save-card");
        await Assertions.Expect(page.Locator(".card-warning")).ToContainTextAsync("请仔细核对");
        await BrowserFixture.ShotAsync(page, "card-2-warning");

        await page.FillAsync("#CardNumber", WithdrawalFlowTests.CardOnFile);
        await page.ClickAsync("#save-card");
        await Assertions.Expect(page.Locator("#card-error")).ToContainTextAsync("请输入登录密码");
        await page.FillAsync("#card-password", Citizens.Password);
        await page.ClickAsync("#save-card");
        await Assertions.Expect(page.Locator("#card-error")).ToContainTextAsync("请输入6位短信验证码");
        Assert.Null(await fixture.Cards.GetAsync(citizen.Account.Grzh, default));

        // Asking for the code keeps what was typed, and the code goes to the phone on record.
        await page.ClickAsync("#card-send-code");
        await Assertions.Expect(page.Locator("#card-sms-status")).ToContainTextAsync(Mask.Phone(citizen.Account.Phone));
        await Assertions.Expect(page.Locator("#CardNumber")).ToHaveValueAsync(WithdrawalFlowTests.CardOnFile);
        await Assertions.Expect(page.Locator("#BankName")).ToHaveValueAsync("中国工商银行");
        await page.FillAsync("#card-password", Citizens.Password);
        await page.FillAsync("#card-code", await fixture.LatestCodeAsync(citizen.Account.Phone));
        await BrowserFixture.ShotAsync(page, "card-3-proof");
        await page.ClickAsync("#save-card");
        await Assertions.Expect(page.Locator("#card-masked")).ToHaveTextAsync("**** **** **** 0128");
        await page.Context.CloseAsync();
    }

    private static string LuhnFailing()
    {
        for (var d = 0; ; d++)
            if (!BankCardNumber.PassesLuhn("622202123456789012" + d)) return "622202123456789012" + d;
    }

    [Fact]
    public async Task ACardIsReplacedWithProofAndTheOldOneIsKeptForTheAudit()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.StartEmploymentEndedAsync(fixture, page, "");
        await Assertions.Expect(page.Locator("#card-form")).ToBeHiddenAsync();

        await page.ClickAsync("#change-card");
        await page.SelectOptionAsync("#BankName", "中国银行");
        await page.FillAsync("#CardNumber", "6217000000000000004");
        await WithdrawalFlowTests.ProveAsync(fixture, page, citizen, "card");
        await page.ClickAsync("#save-card");

        await Assertions.Expect(page.Locator("#card-masked")).ToHaveTextAsync("**** **** **** 0004");
        Assert.Equal(["0128"], (await fixture.Cards.ReplacedAsync(citizen.Account.Grzh, default)).Select(c => c.Last4));
        await BrowserFixture.ShotAsync(page, "card-4-replaced");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RetirementWithoutADateAndASettlementDateInTheFutureAreRefused()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var page = await fixture.OpenAsync(citizen.OpenId);

        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw/apply?type=3");
        // The browser stops an empty date itself; the server must too, for a form posted around it.
        await page.EvalOnSelectorAsync("#fact-retiredOn", "e => e.removeAttribute('required')");
        await page.ClickAsync("#create-material");
        await Assertions.Expect(page.Locator("#page-error")).ToContainTextAsync("请填写退休日期");
        await Assertions.Expect(page.Locator(".material")).ToHaveCountAsync(0);

        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw/apply?type=2");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1).ToString("yyyy-MM-dd");
        await page.FillAsync("#fact-country", "新西兰");
        await page.EvalOnSelectorAsync("#fact-settledOn", "e => e.removeAttribute('max')");
        await page.FillAsync("#fact-settledOn", tomorrow);
        await page.ClickAsync("#create-material");
        await Assertions.Expect(page.Locator("#page-error")).ToContainTextAsync("出境定居日期不能晚于今天");
        await Assertions.Expect(page.Locator("#fact-country")).ToHaveValueAsync("新西兰");
        await BrowserFixture.ShotAsync(page, "material-refused-future");
        await Assertions.Expect(page.Locator(".material")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheCitizenDeletesAnUploadAndThenTheMaterial()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.StartEmploymentEndedAsync(fixture, page, "");
        await WithdrawalFlowTests.UploadAsync(page, 1, "front.png", "image/png", WithdrawalFlowTests.Png);
        await WithdrawalFlowTests.UploadAsync(page, 2, "back.png", "image/png", WithdrawalFlowTests.Png);
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(2);
        var stored = (await fixture.Materials.ListAsync(citizen.Account.Grzh, Fund.Core.Withdrawals.WithdrawalType.EmploymentEnded, default)).Single();
        var files = (await fixture.Materials.PendingDocumentsAsync(citizen.Account.Grzh, stored.Id, default))
            .Select(d => Path.Combine(HostProcess.UploadsDirectory(), d.StoredName)).ToList();
        Assert.All(files, f => Assert.True(File.Exists(f)));

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.Locator(".delete-document").First.ClickAsync();
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(1);
        Assert.Single(files, File.Exists);

        await page.ClickAsync("#delete-material");
        await Assertions.Expect(page.Locator(".material")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#material-form")).ToBeVisibleAsync();
        Assert.DoesNotContain(files, File.Exists);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheCitizenCancelsBeforeReviewAndTheDocumentsDoNotCarryIntoTheNextApplication()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.SubmitEmploymentEndedAsync(fixture, page, citizen);

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync("#cancel");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已撤销");
        await Assertions.Expect(page.Locator("#cancel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("本人已撤销");
        await BrowserFixture.ShotAsync(page, "withdraw-cancelled");

        await page.ClickAsync("#apply-again");
        await Assertions.Expect(page.Locator(".material.selected")).ToContainTextAsync("浏览器测试单位");
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#submit")).ToBeDisabledAsync();
        await page.Context.CloseAsync();
    }
}
