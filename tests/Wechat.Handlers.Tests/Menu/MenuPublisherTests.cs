using Microsoft.Extensions.Logging.Abstractions;
using Wechat.Handlers.Menu;
using Wechat.Handlers.Tests.Api;
using static Wechat.Handlers.Tests.Menu.MenuFixtures;

namespace Wechat.Handlers.Tests.Menu;

public sealed class MenuPublisherTests : IClassFixture<WechatServerFixture>
{
    private readonly WechatServerFixture wechat;

    public MenuPublisherTests(WechatServerFixture wechat)
    {
        this.wechat = wechat;
        wechat.Reset();
        wechat.AnswerStableToken("TOKEN_A");
        wechat.Answer("POST", "/cgi-bin/menu/create", """{"errcode":0,"errmsg":"ok"}""");
    }

    [Fact]
    public async Task PublishingPostsTheRealMenuWithOurPublicBaseUrl()
    {
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);
        var publisher = new MenuPublisher(rig.Api, Microsoft.Extensions.Options.Options.Create(rig.Options),
            NullLogger<MenuPublisher>.Instance);
        var menu = await LoadRealMenuAsync();

        await publisher.PublishAsync(menu, RealHandledKeys);

        var request = Assert.Single(wechat.RequestsTo("/cgi-bin/menu/create"));
        Assert.Equal(menu.ToPublishJson("https://fund.example.cn"), request.RequestMessage.Body);
        Assert.Contains("https://fund.example.cn/h5/login", request.RequestMessage.Body);
    }

    [Fact]
    public async Task AnInvalidMenuIsRefusedBeforeAnythingIsSent()
    {
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);
        var publisher = new MenuPublisher(rig.Api, Microsoft.Extensions.Options.Options.Create(rig.Options),
            NullLogger<MenuPublisher>.Instance);
        var menu = await LoadRealMenuAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => publisher.PublishAsync(menu, new HashSet<string> { "BALANCE" }));

        Assert.Contains("MY_ACCOUNT", error.Message);
        Assert.Empty(wechat.Server.LogEntries);
    }
}
