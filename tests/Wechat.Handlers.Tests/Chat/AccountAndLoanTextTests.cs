using Fund.Core.Loans;
using Wechat.Handlers.Chat;
using Wechat.Handlers.Protocol;
using Wechat.Handlers.Tests.Pipeline;

namespace Wechat.Handlers.Tests.Chat;

public sealed class AccountAndLoanTextTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task MyAccountShowsTheBoundAccountWithTheNumberMaskedAndNoIdOrPhone()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        var text = await rig.TextOfAsync(rig.Click(ClickKeys.MyAccount));

        Assert.Contains("张三", text);
        Assert.Contains("4101*******6789", text);
        Assert.DoesNotContain(InMemoryFund.Grzh, text);
        Assert.Contains("信阳市示例科技有限公司", text);
        Assert.Contains("正常", text);
        Assert.Contains("¥12,345.67", text);
        Assert.Contains("¥1,200.00", text);
        Assert.Contains("2025年06月", text);
        Assert.DoesNotContain(InMemoryFund.IdNumber, text);
        Assert.DoesNotContain(InMemoryFund.Phone, text);
    }

    [Theory]
    [InlineData(ClickKeys.MyAccount)]
    [InlineData(ClickKeys.Balance)]
    [InlineData(ClickKeys.LoanInfo)]
    [InlineData(ClickKeys.LoanProgress)]
    public async Task AnUnboundCitizenIsAskedToLogInOrRegister(string key)
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Click(key));

        Assert.Contains(PipelineRig.PublicBaseUrl + "/h5/login", text);
        Assert.Contains(PipelineRig.PublicBaseUrl + "/h5/register", text);
    }

    [Fact]
    public async Task BalanceShowsTheBalanceAndTheMonthPaidUpTo()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        var text = await rig.TextOfAsync(rig.Click(ClickKeys.Balance));

        Assert.Contains("¥12,345.67", text);
        Assert.Contains("2025年06月", text);
    }

    [Fact]
    public async Task LoanInfoListsEachLoansTermsRateAndNextInstalment()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound().Loans[InMemoryFund.Grzh] = [InMemoryFund.DemoLoan()];

        var text = await rig.TextOfAsync(rig.Click(ClickKeys.LoanInfo));

        foreach (var part in new[] { "XYGJJ2024-0001", "¥500,000.00", "360个月", "2.60%", "等额本息", "还款中", "¥480,000.00", "2025-07-20", "¥2,001.23" })
        {
            Assert.Contains(part, text);
        }
    }

    [Fact]
    public async Task ACitizenWithoutLoansIsToldSo()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        Assert.Equal("您暂无公积金贷款", await rig.TextOfAsync(rig.Click(ClickKeys.LoanInfo)));
        Assert.Equal("您暂无公积金贷款", await rig.TextOfAsync(rig.Click(ClickKeys.LoanProgress)));
    }

    [Fact]
    public async Task LoanProgressShowsTheLatestStageInBeijingTimeAndHowManyStagesThereAre()
    {
        using var rig = new PipelineRig(fixture.Redis);
        var fund = rig.Bound();
        fund.Loans[InMemoryFund.Grzh] = [InMemoryFund.DemoLoan() with { Status = LoanStatus.InProgress }];
        fund.Progress["XYGJJ2024-0001"] =
        [
            new LoanProgressStage("受理", new DateTimeOffset(2024, 3, 1, 2, 0, 0, TimeSpan.Zero), ""),
            new LoanProgressStage("审批", new DateTimeOffset(2024, 3, 10, 6, 0, 0, TimeSpan.Zero), ""),
            new LoanProgressStage("放款", new DateTimeOffset(2024, 3, 20, 1, 30, 0, TimeSpan.Zero), "已放款至售房单位账户"),
        ];

        var text = await rig.TextOfAsync(rig.Click(ClickKeys.LoanProgress));

        Assert.Contains("放款", text);
        Assert.Contains("2024-03-20 09:30", text);
        Assert.Contains("已放款至售房单位账户", text);
        Assert.Contains("3 个环节", text);
        Assert.DoesNotContain("受理", text);
    }

    [Theory]
    [InlineData("余额", "¥12,345.67")]
    [InlineData("查一下账户", "4101*******6789")]
    [InlineData("贷款", "您暂无公积金贷款")]
    [InlineData("贷款进度", "您暂无公积金贷款")]
    [InlineData("热线", "12329")]
    [InlineData("电话", "周一至周五 8:30-12:00，14:30-17:30")]
    [InlineData("帮助", "/h5/statement")]
    [InlineData("?", "/h5/account")]
    [InlineData("你好", "/h5/tools/calculator")]
    public async Task TypedKeywordsAnswerLikeTheirMenuButtons(string typed, string expected)
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        Assert.Contains(expected, await rig.TextOfAsync(rig.Text(typed)));
    }
}
