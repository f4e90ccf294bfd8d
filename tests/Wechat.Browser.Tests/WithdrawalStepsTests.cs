using Fund.Core.Validation;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// Issue 19 items 19, 21 and 22 in the withdrawal steps: 获取验证码 works in place with a countdown and keeps what is
/// typed; step 2's first card form has no English summary that hides it; deleting a material and withdrawing an
/// application ask first, and cancelling the question changes nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WithdrawalStepsTests(BrowserFixture fixture)
{
    /// <summary>Marks the document, so a test can tell that the page was not reloaded.</summary>
    private static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => { window.__stayed = true; }");

    private static async Task AssertStayedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stayed === true"), "the page was reloaded: " + page.Url);

    [Theory]
    [InlineData("card")]
    [InlineData("submit")]
    public async Task GettingACodeWorksInPlaceWithACountdownAndKeepsThePassword(string form)
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture, card: form == "submit");
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.StartEmploymentEndedAsync(fixture, page, "");
        if (form == "card")
        {
            await page.SelectOptionAsync("#BankName", "中国工商银行");
            await page.FillAsync("#CardNumber", WithdrawalFlowTests.CardOnFile);
        }
        else
        {
            await WithdrawalFlowTests.UploadAsync(page, 1, "front.png", "image/png", WithdrawalFlowTests.Png);
            await WithdrawalFlowTests.UploadAsync(page, 2, "back.png", "image/png", WithdrawalFlowTests.Png);
            await WithdrawalFlowTests.UploadAsync(page, 3, "termination.pdf", "application/pdf", WithdrawalFlowTests.Pdf);
        }
        await page.FillAsync($"#{form}-password", Citizens.Password);
        await MarkDocumentAsync(page);

        // The page's clock stands still from here, so the countdown reads its first second however slow the machine.
        await BrowserFixture.PauseClockAsync(page);
        await page.ClickAsync($"#{form}-send-code");

        await Assertions.Expect(page.Locator($"#{form}-sms-status")).ToContainTextAsync(Mask.Phone(citizen.Account.Phone));
        await Assertions.Expect(page.Locator($"#{form}-send-code")).ToHaveTextAsync("60秒后重发");
        await Assertions.Expect(page.Locator($"#{form}-send-code")).ToBeDisabledAsync();
        await page.Clock.RunForAsync(1000);
        await Assertions.Expect(page.Locator($"#{form}-send-code")).ToHaveTextAsync("59秒后重发");
        await Assertions.Expect(page.Locator($"#{form}-password")).ToHaveValueAsync(Citizens.Password);
        if (form == "card") await Assertions.Expect(page.Locator("#CardNumber")).ToHaveValueAsync(WithdrawalFlowTests.CardOnFile);
        await AssertStayedAsync(page);
        Assert.Matches("^[0-9]{6}$", await fixture.LatestCodeAsync(citizen.Account.Phone));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheFirstCardFormHasNoEnglishSummaryAndTappingTheStepKeepsItOpen()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture, card: false);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.StartEmploymentEndedAsync(fixture, page, "");

        Assert.DoesNotContain("Details", await page.InnerTextAsync("body"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('details')].filter(d => !d.querySelector(':scope > summary')).length"));
        // Where the browser's own summary would sit: just above the form.
        var box = (await page.Locator("#card-form").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + 20, box.Y - 8);
        await Assertions.Expect(page.Locator("#card-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#CardNumber")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeletingAMaterialAsksFirstAndCancellingKeepsIt()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.StartEmploymentEndedAsync(fixture, page, "");

        var asked = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) => { asked.Add(dialog.Message); if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync(); };
        await page.ClickAsync("#delete-material");
        Assert.Equal(["确定删除此提取材料？已上传的材料将一并删除。"], asked);
        await Assertions.Expect(page.Locator(".material.selected")).ToHaveCountAsync(1);

        accept = true;
        await page.ClickAsync("#delete-material");
        await Assertions.Expect(page.Locator(".material")).ToHaveCountAsync(0);
        // Asked once per tap: never a second time after "确定".
        Assert.Equal(2, asked.Count);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WithdrawingAnApplicationAsksFirstAndCancellingKeepsItSubmitted()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.SubmitEmploymentEndedAsync(fixture, page, citizen);

        // Issue 19 item 24: the status page lists each related link once.
        Assert.Equal(1, await page.Locator("a[href='/h5/withdrawals']").CountAsync());
        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.DismissAsync(); };
        await page.ClickAsync("#cancel");
        Assert.Equal("确定撤销此提取申请？", asked);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已提交");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已提交");
        await page.Context.CloseAsync();
    }
}
