using Wechat.Handlers.Chat;
using Wechat.Handlers.Tests.Pipeline;

namespace Wechat.Handlers.Tests.Chat;

public sealed class UnbindFlowTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task TheUnbindClickAsksForConfirmationAndLeavesTheBindingInPlace()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        var text = await rig.TextOfAsync(rig.Click(ClickKeys.Unbind));

        Assert.Contains("回复“确认解绑”解除绑定", text);
        Assert.True(rig.Fund.Bindings.ContainsKey(rig.OpenId));
        var ttl = await fixture.Redis.GetDatabase().KeyTimeToLiveAsync("wechat:unbind:" + rig.OpenId);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task ConfirmingAfterTheClickUnbindsOnce()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();
        await rig.TextOfAsync(rig.Click(ClickKeys.Unbind));

        var confirmed = await rig.TextOfAsync(rig.Text("确认解绑"));

        Assert.Contains("已解除绑定", confirmed);
        Assert.False(rig.Fund.Bindings.ContainsKey(rig.OpenId));
        Assert.Contains("如需解除绑定，请先点击菜单", await rig.TextOfAsync(rig.Text("确认解绑")));
    }

    [Fact]
    public async Task ConfirmingWithoutTheClickExplainsHowAndUnbindsNothing()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        var text = await rig.TextOfAsync(rig.Text("确认解绑"));

        Assert.Contains("解除绑定", text);
        Assert.True(rig.Fund.Bindings.ContainsKey(rig.OpenId));
    }

    [Fact]
    public async Task AnUnboundCitizenIsToldThereIsNothingToUnbind()
    {
        using var rig = new PipelineRig(fixture.Redis);

        Assert.Contains("尚未绑定", await rig.TextOfAsync(rig.Click(ClickKeys.Unbind)));
        Assert.False(await fixture.Redis.GetDatabase().KeyExistsAsync("wechat:unbind:" + rig.OpenId));
    }
}
