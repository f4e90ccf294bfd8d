using Fund.Core.Outlets;
using Wechat.Handlers.Chat;
using Wechat.Handlers.Protocol;
using Wechat.Handlers.Tests.Pipeline;

namespace Wechat.Handlers.Tests.Chat;

public sealed class GuideAndOutletTextTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private static readonly ServiceOutlet[] Outlets =
    [
        new(1, "市中心服务大厅", "信阳市浉河区新华路1号", "周一至周五 8:30-17:30", "0376-1111111", 32.1300, 114.0700),
        new(2, "羊山新区服务网点", "信阳市羊山新区新七大道2号", "周一至周五 8:30-17:30", "0376-2222222", 32.1450, 114.0900),
        new(3, "平桥区服务网点", "信阳市平桥区平西路3号", "周一至周五 8:30-17:30", "0376-3333333", 32.1000, 114.1300),
        new(4, "潢川县服务网点", "潢川县跃进路4号", "周一至周五 8:30-17:30", "0376-4444444", 32.1300, 115.0500),
    ];

    [Fact]
    public async Task SubscribingWelcomesAndNamesTheMenuAndTheBindLink()
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(new SubscribeEvent(PipelineRig.OurAccount, rig.OpenId, 1_700_000_001, null, null));

        Assert.Contains("我的账户", text);
        Assert.Contains("在线查询", text);
        Assert.Contains("便民服务", text);
        Assert.Contains(PipelineRig.PublicBaseUrl + "/h5/login", text);
    }

    [Fact]
    public async Task UnsubscribingAnswersNothing()
    {
        using var rig = new PipelineRig(fixture.Redis);

        Assert.Same(EmptyReply.Instance, await rig.SendAsync(new UnsubscribeEvent(PipelineRig.OurAccount, rig.OpenId, 1_700_000_002)));
    }

    [Fact]
    public async Task TheHotlineClickGivesTheNumberAndOfficeHours()
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Click(ClickKeys.Hotline));

        Assert.Contains("12329", text);
        Assert.Contains("周一至周五 8:30-12:00，14:30-17:30", text);
    }

    [Fact]
    public async Task TheOutletsClickListsEveryOutletAndSuggestsSendingALocation()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Fund.Outlets.AddRange(Outlets);

        var text = await rig.TextOfAsync(rig.Click(ClickKeys.Outlets));

        Assert.All(Outlets, o => Assert.Contains(o.Name, text));
        Assert.Contains("信阳市浉河区新华路1号", text);
        Assert.Contains("0376-1111111", text);
        Assert.Contains("发送位置可查看最近的网点", text);
    }

    [Fact]
    public async Task ASentLocationGetsTheThreeNearestOutletsWithDistances()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Fund.Outlets.AddRange(Outlets);

        var text = await rig.TextOfAsync(rig.Location(32.1301m, 114.0701m));

        Assert.StartsWith("离您最近的服务网点", text);
        Assert.Contains("1. 市中心服务大厅（距您", text);
        Assert.Contains("米）", text);
        Assert.Contains("羊山新区服务网点", text);
        Assert.Contains("平桥区服务网点", text);
        Assert.DoesNotContain("潢川县服务网点", text);
    }

    [Fact]
    public async Task PeriodicLocationReportsAnswerNothing()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Fund.Outlets.AddRange(Outlets);

        var reply = await rig.SendAsync(new LocationEvent(PipelineRig.OurAccount, rig.OpenId, 1_700_000_003, 32.13m, 114.07m, 30m));

        Assert.Same(EmptyReply.Instance, reply);
        Assert.Equal(0, rig.Fund.BindingLookups);
    }

    [Fact]
    public async Task ViewScanAndTemplateEventsAnswerSuccess()
    {
        using var rig = new PipelineRig(fixture.Redis);

        Assert.Same(SuccessReply.Instance, await rig.SendAsync(new ViewEvent(PipelineRig.OurAccount, rig.OpenId, 1_700_000_004, "https://fund.example.test/h5/account")));
        Assert.Same(SuccessReply.Instance, await rig.SendAsync(new ScanEvent(PipelineRig.OurAccount, rig.OpenId, 1_700_000_005, "42", null)));
        Assert.Same(SuccessReply.Instance, await rig.SendAsync(new TemplateSendJobFinishEvent(PipelineRig.OurAccount, rig.OpenId, 1_700_000_006, "77", "success")));
    }
}
