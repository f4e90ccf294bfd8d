using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Pipeline;

/// <summary>
/// The binding is looked up when a handler needs it, not for every push: fixed replies cost no database round trip,
/// and the account handlers read the bound account in one join.
/// </summary>
public sealed class LazyBindingTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task TheHotlineClickLooksUpNoBinding()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        Assert.Contains("12329", await rig.TextOfAsync(rig.Click("HOTLINE")));
        Assert.Equal(0, rig.Fund.BindingLookups);
    }

    [Fact]
    public async Task MyAccountReadsTheBoundAccountWithoutASeparateBindingLookup()
    {
        using var rig = new PipelineRig(fixture.Redis);
        rig.Bound();

        Assert.Contains("【我的账户】", await rig.TextOfAsync(rig.Click("MY_ACCOUNT")));
        Assert.Equal(0, rig.Fund.BindingLookups);
    }

    [Fact]
    public async Task LoanInfoLooksUpTheBindingOncePerMessageAndPromptsAnUnboundCitizen()
    {
        using var rig = new PipelineRig(fixture.Redis);

        var text = await rig.TextOfAsync(rig.Click("LOAN_INFO"));
        Assert.Contains("/h5/login", text);
        Assert.Equal(1, rig.Fund.BindingLookups);

        rig.Bound();
        Assert.DoesNotContain("/h5/login", await rig.TextOfAsync(rig.Click("LOAN_INFO")));
        Assert.Equal(2, rig.Fund.BindingLookups);
    }
}
