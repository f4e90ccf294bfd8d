using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Wechat.Handlers.Api;
using Wechat.Handlers.Menu;

namespace Wechat.Handlers.Tests.Api;

public sealed class ApiExtensionsTests : IClassFixture<WechatServerFixture>
{
    private readonly WechatServerFixture wechat;

    public ApiExtensionsTests(WechatServerFixture wechat)
    {
        this.wechat = wechat;
        wechat.Reset();
    }

    private static HostApplicationBuilder NewBuilder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(WechatTestRig.RedisAddress));
        builder.AddWechatApi();
        return builder;
    }

    private Dictionary<string, string?> ValidSettings(string appId) => new()
    {
        ["Wechat:AppId"] = appId,
        ["Wechat:AppSecret"] = WechatTestRig.Secret,
        ["Wechat:Token"] = "token",
        ["Wechat:ApiBaseUrl"] = wechat.Url,
    };

    [Fact]
    public async Task TheRegisteredClientsTalkToTheConfiguredApiBaseUrl()
    {
        var appId = WechatTestRig.NewAppId();
        wechat.AnswerStableToken("TOKEN_A");
        wechat.Answer("POST", "/cgi-bin/message/custom/send", """{"errcode":0,"errmsg":"ok"}""");
        using var host = NewBuilder(ValidSettings(appId)).Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<WechatApiClient>().SendCustomTextAsync("OPENID_1", "hi");

        Assert.Single(wechat.RequestsTo("/cgi-bin/stable_token"));
        Assert.Single(wechat.RequestsTo("/cgi-bin/message/custom/send"));
        Assert.NotNull(host.Services.GetRequiredService<WechatOAuthClient>());
        Assert.NotNull(host.Services.GetRequiredService<MenuPublisher>());
        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
        await host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .KeyDeleteAsync(AccessTokenProvider.CacheKey(appId));
        await host.StopAsync();
    }

    [Fact]
    public void TheHttpClientsKeepAPathInTheApiBaseUrlAndHaveATimeout()
    {
        var settings = ValidSettings(WechatTestRig.NewAppId());
        settings["Wechat:ApiBaseUrl"] = "https://proxy.example.cn/weixin";
        using var host = NewBuilder(settings).Build();

        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WechatApiClient));

        Assert.Equal(new Uri("https://proxy.example.cn/weixin/"), http.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(10), http.Timeout);
    }

    [Fact]
    public async Task AMissingAppSecretStopsTheHostFromStarting()
    {
        var settings = ValidSettings(WechatTestRig.NewAppId());
        settings.Remove("Wechat:AppSecret");
        using var host = NewBuilder(settings).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AppSecret", error.Message);
    }
}
