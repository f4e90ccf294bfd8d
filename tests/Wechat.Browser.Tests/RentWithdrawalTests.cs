using System.Text.RegularExpressions;
using Fund.Core.Withdrawals;
using Fund.Data.Seed;
using Fund.Data.Stores;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>租房提取 end to end: the amount asked against its maximum, the counter's review, 部分提取 in the statement.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RentWithdrawalTests(BrowserFixture fixture)
{
    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>A contributing citizen (deposits since 2025), registered and bound, with a payout card on file.</summary>
    private async Task<Citizens.Citizen> ContributingCitizenAsync()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        await fixture.Cards.SaveFirstAsync(citizen.Account.Grzh, "中国工商银行", WithdrawalFlowTests.CardOnFile, default);
        return citizen;
    }

    [Fact]
    public async Task ACitizenRentsWithinTheLimitAClerkApprovesAndTheStatementShowsThePartialWithdrawal()
    {
        var citizen = await ContributingCitizenAsync();
        var balance = (await fixture.LedgerAsync(citizen.Account.Grzh)).Sum(e => e.Amount);
        Assert.True(balance > 12000m);
        var page = await fixture.OpenAsync(citizen.OpenId);

        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw");
        await Assertions.Expect(page.Locator("#type-5")).ToContainTextAsync("每12个月可提取一次，每次不超过12,000元");
        await Assertions.Expect(page.Locator("#type-5")).ToContainTextAsync("无房声明（本人签字）");
        await BrowserFixture.ShotAsync(page, "rent-1-types");
        await page.ClickAsync("#type-5 .start");

        await page.SelectOptionAsync("#fact-noOwnHouse", MaterialFields.NoOwnHouseDeclared);
        await page.SelectOptionAsync("#fact-proof", MaterialFields.ProofNoHouseStatement);
        await page.FillAsync("#fact-address", "信阳市浉河区测试路1号");
        await page.ClickAsync("#create-material");
        await Assertions.Expect(page.Locator(".material.selected")).ToContainTextAsync("租房证明：无房声明");
        await Assertions.Expect(page.Locator("#card-masked")).ToHaveTextAsync("**** **** **** 0128");
        await WithdrawalFlowTests.UploadAsync(page, (int)DocumentKind.IdCardFront, "front.png", "image/png", WithdrawalFlowTests.Png);
        await WithdrawalFlowTests.UploadAsync(page, (int)DocumentKind.IdCardBack, "back.png", "image/png", WithdrawalFlowTests.Png);
        await Assertions.Expect(page.Locator("#submit")).ToBeDisabledAsync();
        await WithdrawalFlowTests.UploadAsync(page, (int)DocumentKind.NoHouseStatement, "statement.pdf", "application/pdf", WithdrawalFlowTests.Pdf);
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#maximum")).ToHaveTextAsync("¥12,000.00");

        // A cent over the maximum is refused on the form, before the password and code are asked for.
        await page.FillAsync("#amount", "12000.01");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#submit-error")).ToHaveTextAsync("提取金额不能超过本次最多可提取的12,000.00元");
        await Assertions.Expect(page.Locator("#amount")).ToHaveValueAsync("12000.01");
        await BrowserFixture.ShotAsync(page, "rent-2-over-maximum");
        // The README's picture of step 4: the amount, the maximum beside it and the refusal of a cent more.
        await page.Locator("#submit-form").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(HostProcess.ArtifactsDirectory(), "withdraw-rent-amount.png") });
        Assert.Null(await fixture.Applications.OpenIdAsync(citizen.Account.Grzh, default));

        await WithdrawalFlowTests.ProveAsync(fixture, page, citizen, "submit");
        await page.FillAsync("#amount", "5000");
        await BrowserFixture.ShotAsync(page, "rent-3-ready");
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync(new Regex("/h5/withdraw/status/\\d+$"));
        var id = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已提交");
        await Assertions.Expect(page.Locator("#amount")).ToHaveTextAsync("¥5,000.00");

        var counter = await fixture.OpenAsync("counter-rent");
        await counter.GotoAsync(fixture.BaseUrl + "/counter");
        await counter.WaitForURLAsync(new Regex("/counter/login"));
        await counter.FillAsync("#Username", "clerk1");
        await counter.FillAsync("#Password", DemoCounterStaff.Password);
        await counter.ClickAsync("#login");
        await counter.ClickAsync($".queue-item[data-id='{id}']");
        await Assertions.Expect(counter.Locator(".document")).ToHaveCountAsync(3);
        await Assertions.Expect(counter.Locator(".document").Nth(2)).ToContainTextAsync("无房声明");
        await counter.ClickAsync("#approve");
        await Assertions.Expect(counter.Locator("#confirm-amount")).ToHaveTextAsync("¥5,000.00");
        await counter.ClickAsync("#confirm-approve");
        await counter.WaitForURLAsync(new Regex("done=approved-partial"));
        await Assertions.Expect(counter.Locator("#status")).ToHaveTextAsync("已审核");
        await Assertions.Expect(counter.Locator("#account-status")).ToHaveTextAsync("正常");
        await Assertions.Expect(counter.Locator("#balance")).ToHaveTextAsync($"¥{balance - 5000m:N2}");
        await Assertions.Expect(counter.Locator(".audit")).ToContainTextAsync("审核通过（部分提取）");
        await counter.ClickAsync("#paid");
        await Assertions.Expect(counter.Locator("#status")).ToHaveTextAsync("已到账");
        await BrowserFixture.ShotAsync(counter, "rent-4-counter-paid");

        await page.GotoAsync(fixture.BaseUrl + $"/h5/withdraw/status/{id}");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已到账");
        await page.GotoAsync(fixture.BaseUrl + "/h5/statement");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("部分提取");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("5,000.00");
        await BrowserFixture.ShotAsync(page, "rent-5-statement");
        var ledger = await fixture.LedgerAsync(citizen.Account.Grzh);
        Assert.Equal((Fund.Core.Ledger.BusinessType.PartialWithdrawal, -5000m, "租赁自住住房提取"), (ledger[^1].Type, ledger[^1].Amount, ledger[^1].Memo));

        var approved = await fixture.Wechat.WaitForTemplateAsync(citizen.OpenId, WechatStandIn.ApprovedTemplate, TimeSpan.FromSeconds(20));
        Assert.Equal("租赁自住住房", approved["data"]!["keyword1"]!["value"]!.GetValue<string>());
        Assert.Equal("5000.00元", approved["data"]!["keyword2"]!["value"]!.GetValue<string>());

        // The account stays open, and the next rent waits a year.
        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw");
        await Assertions.Expect(page.Locator("#type-5 .problem")).ToContainTextAsync("每12个月限办理一次");
        await page.Context.CloseAsync();
        await counter.Context.CloseAsync();
    }

    [Fact]
    public async Task ASecondRentWithinTwelveMonthsIsRefusedWithTheDayItBecomesPossible()
    {
        var citizen = await ContributingCitizenAsync();
        var paidOn = Today().AddMonths(-3);
        var decided = new DateTimeOffset(paidOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        await fixture.Get<MySqlWithdrawalStore>().InsertAsync(new Withdrawal(0, citizen.Account.Grzh, WithdrawalType.Rent, 6000m,
            WithdrawalStatus.Paid, decided.AddDays(-2), decided, null), default);
        var page = await fixture.OpenAsync(citizen.OpenId);

        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw/apply?type=5");
        var expected = $"您已于{paidOn:yyyy年M月d日}办理租赁自住住房提取，每12个月限办理一次，{paidOn.AddMonths(12):yyyy年M月d日}起可再次办理。";
        await Assertions.Expect(page.Locator(".eligibility .problem")).ToHaveTextAsync("✗ " + expected);
        await Assertions.Expect(page.Locator("#material-form")).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(page, "rent-refused-within-12-months");

        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw");
        await Assertions.Expect(page.Locator("#type-5 .start")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#type-4 .start")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
