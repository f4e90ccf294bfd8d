using Wechat.Handlers.Tests.Pipeline;

namespace Wechat.Handlers.Tests.Chat;

public sealed class ToolKeywordTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private const string Calculator = PipelineRig.PublicBaseUrl + "/h5/tools/calculator";
    private const string Rates = PipelineRig.PublicBaseUrl + "/h5/tools/rates";

    [Theory]
    [InlineData("计算")]
    [InlineData("计算器")]
    [InlineData("利率")]
    [InlineData("现在公积金贷款利率是多少")]
    [InlineData("贷款计算器")]
    public async Task CalculatorAndRateWordsAnswerWithBothToolLinks(string typed)
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Text(typed));

        Assert.Contains(Calculator, text);
        Assert.Contains(Rates, text);
        Assert.DoesNotContain("您暂无公积金贷款", text);
    }

    [Fact]
    public async Task DevelopmentsWordAnswersWithTheDevelopmentsLink()
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Text("合作楼盘有哪些"));

        Assert.Contains("【合作楼盘】", text);
        Assert.Contains(PipelineRig.PublicBaseUrl + "/h5/tools/developments", text);
    }

    [Theory]
    [InlineData("指南")]
    [InlineData("办事")]
    [InlineData("提取要带什么材料，有办事指南吗")]
    public async Task GuideWordsAnswerWithTheGuidesLink(string typed)
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Text(typed));

        Assert.Contains("【办事指南】", text);
        Assert.Contains(PipelineRig.PublicBaseUrl + "/h5/tools/guides", text);
    }

    [Fact]
    public async Task ToolAnswersNeedNoBinding()
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Text("利率"));

        Assert.DoesNotContain("您还未绑定", text);
    }

    [Fact]
    public async Task HelpListsTheToolKeywords()
    {
        using var rig = new PipelineRig(fixture.Redis);

        Assert.Contains("利率、楼盘、指南", await rig.TextOfAsync(rig.Text("帮助")));
    }

    [Fact]
    public async Task TheLoanKeywordStillAnswersWithTheCitizensLoan()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        Assert.Contains("您暂无公积金贷款", await rig.TextOfAsync(rig.Text("我的贷款")));
    }
}
