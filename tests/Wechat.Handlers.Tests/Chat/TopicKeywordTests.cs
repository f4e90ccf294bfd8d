using Wechat.Handlers.Tests.Pipeline;

namespace Wechat.Handlers.Tests.Chat;

/// <summary>The words citizens type that are not menu buttons (issue #13.9) get the link that does the job.</summary>
public sealed class TopicKeywordTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private const string Base = PipelineRig.PublicBaseUrl;

    [Theory]
    [InlineData("提取", "/h5/withdraw")]
    [InlineData("怎么提取公积金", "/h5/withdraw")]
    [InlineData("离职了能取钱吗", "/h5/withdraw")]
    [InlineData("公积金怎么提现", "/h5/withdraw")]
    [InlineData("交房租能用公积金吗", "/h5/withdraw")]
    [InlineData("明细", "/h5/statement")]
    [InlineData("查一下缴存记录", "/h5/statement")]
    [InlineData("我的公积金流水", "/h5/statement")]
    [InlineData("账户明细", "/h5/statement")]
    [InlineData("密码", "/h5/reset-password")]
    [InlineData("忘记密码了怎么办", "/h5/reset-password")]
    [InlineData("注册", "/h5/register")]
    [InlineData("怎么注册账号", "/h5/register")]
    [InlineData("绑定", "/h5/login")]
    [InlineData("怎么登录", "/h5/login")]
    [InlineData("手机", "/h5/settings/phone")]
    [InlineData("换手机号了", "/h5/settings/phone")]
    [InlineData("转移", "/h5/tools/guides/transfer")]
    [InlineData("公积金异地转入怎么办", "/h5/tools/guides/transfer")]
    [InlineData("证明", "/h5/certificate")]
    [InlineData("开缴存证明", "/h5/certificate")]
    [InlineData("缴存证明怎么开", "/h5/certificate")]
    public async Task TopicWordsAndCommonPhrasingsAnswerWithTheRightLink(string typed, string path)
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Text(typed));

        Assert.Contains(Base + path, text);
        Assert.DoesNotContain("暂未理解", text);
    }

    [Fact]
    public async Task PasswordAnswerOffersBothChangeAndReset()
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Text("改密码"));

        Assert.Contains(Base + "/h5/settings/password", text);
        Assert.Contains(Base + "/h5/reset-password", text);
    }

    [Theory]
    [InlineData("解绑")]
    [InlineData("解除绑定")]
    [InlineData("我想取消绑定")]
    public async Task UnbindWordsAskForConfirmationLikeTheMenuButton(string typed)
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        var text = await rig.TextOfAsync(rig.Text(typed));

        Assert.Contains("确认解绑", text);
        Assert.True(await rig.Redis.GetDatabase().KeyExistsAsync("wechat:unbind:" + rig.OpenId));
    }

    [Fact]
    public async Task BindWordTellsABoundCitizenTheyAreBound()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        var text = await rig.TextOfAsync(rig.Text("绑定"));

        Assert.Contains("已绑定", text);
        Assert.Contains(Base + "/h5/account", text);
        Assert.DoesNotContain(Base + "/h5/login", text);
    }

    [Fact]
    public async Task TopicAnswersNeedNoBinding()
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Text("提取"));

        Assert.DoesNotContain("您还未绑定", text);
    }

    [Fact]
    public async Task MenuWordsStillWinWhereNoTopicMatches()
    {
        using var rig = new PipelineRig(fixture.Redis);

        Assert.Contains("12329", await rig.TextOfAsync(rig.Text("热线电话")));
        Assert.Contains("抱歉，暂未理解", await rig.TextOfAsync(rig.Text("今天天气怎么样")));
    }

    [Fact]
    public async Task HelpListsTheTopicWords()
    {
        using var rig = new PipelineRig(fixture.Redis);

        Assert.Contains("提取、明细、证明、密码、注册、绑定、解绑、手机、转移", await rig.TextOfAsync(rig.Text("帮助")));
    }
}
