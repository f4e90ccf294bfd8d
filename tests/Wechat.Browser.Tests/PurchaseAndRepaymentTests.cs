using Fund.Core.Withdrawals;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>购房 and 还贷 提取 on the form: the material's checks in Chinese, the maximum it allows, the counter's 冲还贷.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PurchaseAndRepaymentTests(BrowserFixture fixture)
{
    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Fact]
    public async Task APurchaseOlderThanTwelveMonthsIsRefusedAndARecentOneAllowsUpToThePrice()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        await fixture.Cards.SaveFirstAsync(citizen.Account.Grzh, "中国工商银行", WithdrawalFlowTests.CardOnFile, default);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw");
        await page.ClickAsync("#type-4 .start");

        var old = Today().AddMonths(-12).AddDays(-1);
        await page.FillAsync("#fact-contractNo", "xy2026-0815");
        await page.FillAsync("#fact-purchasedOn", old.ToString("yyyy-MM-dd"));
        await page.FillAsync("#fact-price", "15000.123");
        await page.FillAsync("#fact-address", "信阳市浉河区测试小区1-101");
        await page.ClickAsync("#create-material");
        await Assertions.Expect(page.Locator("#page-error")).ToHaveTextAsync("房屋总价（元）格式不正确：请填写数字金额（元），最多两位小数");
        await Assertions.Expect(page.Locator("#fact-contractNo")).ToHaveValueAsync("xy2026-0815");

        await page.FillAsync("#fact-price", "15000.50");
        await page.ClickAsync("#create-material");
        await Assertions.Expect(page.Locator("#page-error")).ToContainTextAsync($"合同签订或发票日期{old:yyyy年M月d日}已超过12个月");
        await BrowserFixture.ShotAsync(page, "purchase-refused-old-contract");

        await page.FillAsync("#fact-purchasedOn", Today().AddMonths(-2).ToString("yyyy-MM-dd"));
        await page.ClickAsync("#create-material");
        await Assertions.Expect(page.Locator(".material.selected")).ToContainTextAsync("购房合同或发票号码：XY2026-0815");
        await Assertions.Expect(page.Locator("#maximum")).ToHaveTextAsync("¥15,000.50");
        await Assertions.Expect(page.Locator(".document-kind")).ToHaveCountAsync(4);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ACitizenRepayingAFundLoanHereIsSentToTheCounterForOffsettingAndCannotRent()
    {
        var page = await fixture.OpenAsync("demo-openid-3");
        await page.GotoAsync(fixture.BaseUrl + "/h5/withdraw");
        await Assertions.Expect(page.Locator("#type-6 .eligibility")).ToContainTextAsync("请到服务网点柜台办理冲还贷");
        await Assertions.Expect(page.Locator("#type-6 .start")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#type-5 .problem")).ToContainTextAsync("不能办理租房提取");
        await page.ClickAsync("#type-6 .start");
        await Assertions.Expect(page.Locator("#fact-loanKind option")).ToHaveTextAsync(["请选择", MaterialFields.CommercialLoan, MaterialFields.OtherCityFundLoan]);
        await BrowserFixture.ShotAsync(page, "repay-material");
        await page.Context.CloseAsync();
    }
}
