using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fund.Core.Validation;
using Fund.Data.Seed;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>Online withdrawal end to end: the citizen applies in H5, a clerk decides at the counter, WeChat is told.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WithdrawalFlowTests(BrowserFixture fixture)
{
    internal static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
        0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0, 0x05, 0,
        0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    internal static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>Sealed seven months ago: past the six-month wait for 终止劳动关系 提取.</summary>
    internal static DateOnly SealedSevenMonthsAgo() =>
        DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddMonths(-7);

    internal const string CardOnFile = "6222 0212 3456 7890 128";

    /// <summary>A sealed citizen past the six months, registered and bound, with a payout card on file.</summary>
    internal static async Task<Citizens.Citizen> ReadyCitizenAsync(BrowserFixture fixture, bool card = true)
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true, sealedOn: SealedSevenMonthsAgo());
        if (card) await fixture.Cards.SaveFirstAsync(citizen.Account.Grzh, "中国工商银行", CardOnFile, default);
        return citizen;
    }

    /// <summary>From /h5/withdraw through the material to the card and upload steps.</summary>
    internal static async Task StartEmploymentEndedAsync(BrowserFixture fixture, IPage page, string shots)
    {
        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw");
        await Assertions.Expect(page.Locator("#type-1 .eligibility")).ToContainTextAsync("已满6个月");
        await Assertions.Expect(page.Locator("#type-1")).ToContainTextAsync("解除（终止）劳动关系证明");
        if (shots.Length > 0) await BrowserFixture.ShotAsync(page, shots + "-1-types");
        await page.ClickAsync("#type-1 .start");

        await page.FillAsync("#fact-leftOn", SealedSevenMonthsAgo().AddDays(-1).ToString("yyyy-MM-dd"));
        await page.FillAsync("#fact-formerEmployer", "浏览器测试单位");
        await page.ClickAsync("#create-material");
        await Assertions.Expect(page.Locator(".material.selected")).ToContainTextAsync("浏览器测试单位");
    }

    /// <summary>Asks for the code to the phone on record from one form's 获取验证码 and types it with the password.</summary>
    internal static async Task ProveAsync(BrowserFixture fixture, IPage page, Citizens.Citizen citizen, string form, string password = Citizens.Password)
    {
        await page.ClickAsync($"#{form}-send-code");
        await Assertions.Expect(page.Locator($"#{form}-sms-status")).ToContainTextAsync(Mask.Phone(citizen.Account.Phone));
        await page.FillAsync($"#{form}-password", password);
        await page.FillAsync($"#{form}-code", await fixture.LatestCodeAsync(citizen.Account.Phone));
    }

    /// <summary>A 终止劳动关系 application with its three documents, proved and submitted: the page ends on its status.</summary>
    internal static async Task SubmitEmploymentEndedAsync(BrowserFixture fixture, IPage page, Citizens.Citizen citizen)
    {
        await StartEmploymentEndedAsync(fixture, page, "");
        await UploadAsync(page, 1, "front.png", "image/png", Png);
        await UploadAsync(page, 2, "back.png", "image/png", Png);
        await UploadAsync(page, 3, "termination.pdf", "application/pdf", Pdf);
        await ProveAsync(fixture, page, citizen, "submit");
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync(new Regex("/h5/withdraw/status/\\d+$"));
    }

    internal static async Task UploadAsync(IPage page, int kind, string name, string mime, byte[] bytes)
    {
        await page.SelectOptionAsync("#upload-kind", kind.ToString());
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = name, MimeType = mime, Buffer = bytes });
        await page.ClickAsync("#upload");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    [Fact]
    public async Task ASealedCitizenAppliesAClerkApprovesAndPaysAndTheCitizenIsToldInWechat()
    {
        var citizen = await ReadyCitizenAsync(fixture);
        var page = await fixture.OpenAsync(citizen.OpenId);

        await StartEmploymentEndedAsync(fixture, page, "withdraw");
        await Assertions.Expect(page.Locator("#card-masked")).ToHaveTextAsync("**** **** **** 0128");
        // Inside WeChat the page signs the JS-SDK config for wx.chooseImage, over its public URL, with the jsapi ticket.
        var config = JsonNode.Parse((await page.Locator("#wx-config").TextContentAsync())!)!;
        var signed = $"jsapi_ticket={await fixture.CachedJsapiTicketAsync()}&noncestr={config["nonceStr"]}&timestamp={config["timestamp"]}&url={page.Url}";
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(signed)));
        Assert.Equal(expected, config["signature"]!.GetValue<string>());
        await Assertions.Expect(page.Locator("#submit")).ToBeDisabledAsync();
        await UploadAsync(page, 1, "front.png", "image/png", Png);
        await UploadAsync(page, 2, "back.png", "image/png", Png);
        await UploadAsync(page, 3, "termination.pdf", "application/pdf", Pdf);
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(3);
        await BrowserFixture.ShotAsync(page, "withdraw-3-ready");

        // The session alone is not enough: no password and code, or a wrong password, submits nothing.
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#submit-error")).ToContainTextAsync("请输入登录密码");
        await page.FillAsync("#submit-password", "Wrong2026abc");
        await page.FillAsync("#submit-code", "123456");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#submit-error")).ToContainTextAsync("登录密码错误");
        Assert.Null(await fixture.Applications.OpenIdAsync(citizen.Account.Grzh, default));
        await ProveAsync(fixture, page, citizen, "submit");
        await BrowserFixture.ShotAsync(page, "withdraw-3b-proof");

        var submitForm = page.Locator("#submit-form");
        var replay = page.Context.APIRequest.CreateFormData();
        foreach (var name in new[] { "__RequestVerificationToken", "Type", "material", "IdempotencyKey" })
            replay.Set(name, await submitForm.Locator($"input[name='{name}']").InputValueAsync());
        var action = await submitForm.GetAttributeAsync("action");
        await page.Locator("#submit").DblClickAsync();
        await page.WaitForURLAsync(new Regex("/h5/withdraw/status/\\d+$"));
        var id = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
        // The same form posted again (a retry, a double tap that got through) lands on the same application.
        var again = await page.Context.APIRequest.PostAsync(fixture.BaseUrl + action, new() { Form = replay, MaxRedirects = 0 });
        Assert.Equal(302, again.Status);
        Assert.EndsWith($"/h5/withdraw/status/{id}", again.Headers["location"]);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已提交");
        await Assertions.Expect(page.Locator("#card")).ToContainTextAsync("**** **** **** 0128");
        await BrowserFixture.ShotAsync(page, "withdraw-4-submitted");
        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw");
        await Assertions.Expect(page.Locator("#open-application")).ToBeVisibleAsync();

        // The payout is the balance plus the interest to the day of approval, posted as its own line before it.
        var ledger = await fixture.LedgerAsync(citizen.Account.Grzh);
        var balance = ledger.Sum(e => e.Amount);
        decimal PayoutOn(DateOnly day) => balance + Fund.Core.Ledger.DepositInterest.DueAtClosing(ledger, day).Sum(p => p.Amount);
        static DateOnly CentreToday() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var before = CentreToday();

        var counter = await fixture.OpenAsync("counter-browser");
        await counter.GotoAsync(fixture.BaseUrl + "/counter");
        await counter.WaitForURLAsync(new Regex("/counter/login"));
        await counter.FillAsync("#Username", "clerk1");
        await counter.FillAsync("#Password", DemoCounterStaff.Password);
        await counter.ClickAsync("#login");
        await counter.ClickAsync($".queue-item[data-id='{id}']");
        await Assertions.Expect(counter.Locator(".document")).ToHaveCountAsync(3);
        // The page worked the payout out for its own day: the one before it was asked for or, when it crossed midnight
        // in Beijing, the one after it had loaded.
        var payouts = new[] { before, CentreToday() }.Select(PayoutOn).Distinct().ToArray();
        Assert.All(payouts, p => Assert.True(p > balance));
        await BrowserFixture.ShotAsync(counter, "counter-1-application");
        // Issue #13.11: approving asks first, showing what will be paid; then post/redirect/get. Issue 19 item 18: that is
        // the balance plus 销户结息, the amount the ledger's 销户提取 line then pays, and the button names it too.
        await counter.ClickAsync("#approve");
        await Assertions.Expect(counter.Locator("#confirm-amount"))
            .ToHaveTextAsync(new Regex("^(" + string.Join("|", payouts.Select(p => Regex.Escape($"¥{p:N2}"))) + ")$"));
        var shown = (await counter.Locator("#confirm-amount").TextContentAsync())!.Trim();
        var payout = payouts.Single(p => shown == $"¥{p:N2}");
        await Assertions.Expect(counter.Locator("#confirm-approve")).ToHaveTextAsync($"确认通过并支付 ¥{payout:N2}");
        await Assertions.Expect(counter.Locator("#confirm-breakdown")).ToContainTextAsync($"销户结息 ¥{payout - balance:N2}");
        await Assertions.Expect(counter.Locator("#status")).ToHaveTextAsync("已提交");
        await counter.ClickAsync("#confirm-approve");
        await counter.WaitForURLAsync(new Regex("done=approved"));
        await Assertions.Expect(counter.Locator("#status")).ToHaveTextAsync("已审核");
        await Assertions.Expect(counter.Locator("#account-status")).ToHaveTextAsync("提取销户");
        await Assertions.Expect(counter.Locator("#balance")).ToHaveTextAsync("¥0.00");
        await counter.ClickAsync("#reveal-card");
        await Assertions.Expect(counter.Locator("#revealed-card")).ToContainTextAsync("6222021234567890128");
        await Assertions.Expect(counter.Locator(".audit")).ToContainTextAsync("查看完整卡号");
        await Assertions.Expect(counter.Locator(".audit")).ToContainTextAsync("审核通过（销户提取）");
        await Assertions.Expect(counter.Locator(".audit")).Not.ToContainTextAsync("withdrawal.");
        await counter.ClickAsync("#paid");
        await Assertions.Expect(counter.Locator("#status")).ToHaveTextAsync("已到账");
        await BrowserFixture.ShotAsync(counter, "counter-2-paid");

        await page.GotoAsync(fixture.BaseUrl + $"/h5/withdraw/status/{id}");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已到账");
        await Assertions.Expect(page.Locator("#amount")).ToHaveTextAsync($"¥{payout:N2}");
        await BrowserFixture.ShotAsync(page, "withdraw-5-paid");
        await page.GotoAsync(fixture.BaseUrl + "/h5/statement");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("销户提取");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("销户结息");
        await BrowserFixture.ShotAsync(page, "withdraw-6-statement");
        await page.GotoAsync(fixture.BaseUrl + "/h5/account");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("提取销户");
        await page.GotoAsync(fixture.BaseUrl + "/h5/withdrawals");
        await Assertions.Expect(page.Locator(".withdrawal")).ToHaveCountAsync(1);

        var approved = await fixture.Wechat.WaitForTemplateAsync(citizen.OpenId, WechatStandIn.ApprovedTemplate, TimeSpan.FromSeconds(20));
        Assert.Equal(fixture.BaseUrl + $"/h5/withdraw/status/{id}", approved["url"]!.GetValue<string>());
        Assert.Equal("与单位终止劳动关系", approved["data"]!["keyword1"]!["value"]!.GetValue<string>());
        // Issue #13.14: WeChat no longer shows first/remark, so the amount (no grouping commas) and card tail are keywords.
        Assert.Equal($"{payout:0.00}元", approved["data"]!["keyword2"]!["value"]!.GetValue<string>());
        Assert.StartsWith("尾号", approved["data"]!["keyword3"]!["value"]!.GetValue<string>());
        Assert.Null(approved["data"]!["first"]);
        Assert.Null(approved["data"]!["remark"]);
        var paid = await fixture.Wechat.WaitForTemplateAsync(citizen.OpenId, WechatStandIn.PaidTemplate, TimeSpan.FromSeconds(20));
        Assert.Equal("尾号0128的银行卡", paid["data"]!["keyword3"]!["value"]!.GetValue<string>());
        Assert.Equal(2, fixture.Wechat.TemplateMessagesTo(citizen.OpenId).Count);
        await page.Context.CloseAsync();
        await counter.Context.CloseAsync();
    }

    [Fact]
    public async Task ACitizenWithALoanInProgressIsToldWhyNotAndCannotStart()
    {
        var page = await fixture.OpenAsync("demo-openid-2");
        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw");
        await Assertions.Expect(page.Locator("#type-3 .problem")).ToContainTextAsync("未结清或正在审批的住房公积金贷款");
        // The closing types and rent wait for the loan; 购房 and 还贷 (a down payment, a commercial loan) do not.
        foreach (var type in new[] { 1, 2, 3, 5 })
            await Assertions.Expect(page.Locator($"#type-{type} .start")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#type-4 .start, #type-6 .start")).ToHaveCountAsync(2);
        await BrowserFixture.ShotAsync(page, "withdraw-refused-loan");
        await page.Context.CloseAsync();
    }
}
