using Microsoft.Extensions.DependencyInjection;
using Wechat.Handlers.Api;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Wechat.Host.Tests.Wechat;

/// <summary>Two whole hosts (separate containers, multiplexers and HttpClients) behind one Redis, as two instances run.</summary>
public sealed class TwoHostsShareOneTokenTests : IDisposable
{
    private readonly WireMockServer _wechat = WireMockServer.Start();

    public void Dispose() => _wechat.Stop();

    private FundHostFactory HostFor(string appId) => new()
    {
        Overrides =
        {
            ["Wechat:ApiBaseUrl"] = _wechat.Url,
            // A fresh AppId per run keeps this test's token cache key to itself.
            ["Wechat:AppId"] = appId,
        },
    };

    [Fact]
    public async Task TwoInstancesAskingAtOnceCauseOneStableTokenFetchAndShareTheToken()
    {
        _wechat.Given(Request.Create().WithPath("/cgi-bin/stable_token").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""{"access_token":"SHARED_TOKEN_1","expires_in":7200}""").WithDelay(TimeSpan.FromMilliseconds(500)));
        _wechat.Given(Request.Create().WithPath("/cgi-bin/message/custom/send").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"errcode":0,"errmsg":"ok"}"""));

        var appId = "wxtest" + Guid.NewGuid().ToString("N")[..12];
        await using var first = HostFor(appId);
        await using var second = HostFor(appId);
        var a = first.Services.GetRequiredService<WechatApiClient>();
        var b = second.Services.GetRequiredService<WechatApiClient>();

        await Task.WhenAll(
            a.SendCustomTextAsync("demo-openid-1", "来自实例一", default),
            b.SendCustomTextAsync("demo-openid-2", "来自实例二", default));

        var fetches = _wechat.LogEntries.Count(e => e.RequestMessage.Path == "/cgi-bin/stable_token");
        Assert.Equal(1, fetches);
        var sends = _wechat.LogEntries.Where(e => e.RequestMessage.Path == "/cgi-bin/message/custom/send").ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, e => Assert.Equal("SHARED_TOKEN_1", e.RequestMessage.Query!["access_token"].ToString()));
    }
}
