using Wechat.Handlers.Chat;
using Wechat.Handlers.Menu;
using Wechat.Handlers.Tests.Menu;
using Wechat.Handlers.Tests.Pipeline;

namespace Wechat.Handlers.Tests.Chat;

public sealed class ClickRoutesTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task EveryClickKeyInMenuConfigHasAHandlerAndEveryHandlerAButton()
    {
        using var rig = new PipelineRig(fixture.Redis);
        var menu = await MenuFixtures.LoadRealMenuAsync();

        var handled = rig.Get<ClickRoutes>().HandledKeys;

        Assert.Empty(MenuValidator.Validate(menu, handled));
        Assert.True(handled.SetEquals(MenuFixtures.RealHandledKeys));
    }

    [Fact]
    public async Task AnUnknownClickKeyGetsTheHelpText()
    {
        using var rig = new PipelineRig(fixture.Redis);

        Assert.Contains("/h5/account", await rig.TextOfAsync(rig.Click("NO_SUCH_KEY")));
    }
}
