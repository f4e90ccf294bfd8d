using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.H5;

/// <summary>
/// Someone who reads Redis (a neighbour on the network, a leaked snapshot) must get nothing to sign in with: the
/// keys hold a keyed hash of the cookie's session id, so neither replaying what Redis holds nor planting a key works.
/// </summary>
public sealed class SessionsInRedisTests : IAsyncLifetime
{
    private readonly FundHostFactory host = new();
    private ConnectionMultiplexer redis = null!;
    private readonly string openId = "test-sessions-" + Guid.NewGuid().ToString("N")[..10];

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");

    public async Task DisposeAsync()
    {
        await redis.DisposeAsync();
        await host.DisposeAsync();
    }

    private H5SessionStore Sessions => host.Services.GetRequiredService<H5SessionStore>();

    private async Task<List<string>> KeysHoldingOurOpenIdAsync()
    {
        var server = redis.GetServers()[0];
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "h5:session:*", pageSize: 1000))
            if (await redis.GetDatabase().StringGetAsync(key) == openId) keys.Add(key!);
        return keys;
    }

    [Fact]
    public async Task RedisHoldsNoSessionIdThatACookieCouldCarry()
    {
        var session = await Sessions.CreateAsync(openId);
        var key = Assert.Single(await KeysHoldingOurOpenIdAsync());
        Assert.DoesNotContain(session.Id, key);
        // Replaying what a Redis reader sees, as the cookie, is no session.
        var replayed = key["h5:session:".Length..];
        Assert.Null(await Sessions.GetAsync(replayed));
        Assert.NotNull(await Sessions.GetAsync(session.Id));
        await Sessions.DeleteAsync(session.Id);
        Assert.Empty(await KeysHoldingOurOpenIdAsync());
    }

    [Fact]
    public async Task AKeyPlantedInRedisIsNoSession()
    {
        var madeUp = "planted" + Guid.NewGuid().ToString("N");
        await redis.GetDatabase().StringSetAsync("h5:session:" + madeUp, openId, TimeSpan.FromMinutes(5));
        try
        {
            Assert.Null(await Sessions.GetAsync(madeUp));
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/h5/statement");
            request.Headers.Add("Cookie", "h5_sid=" + madeUp);
            var response = await client.SendAsync(request);
            // No session: off to WeChat's authorization, never the page.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("oauth2/authorize", response.Headers.Location!.ToString());
        }
        finally
        {
            await redis.GetDatabase().KeyDeleteAsync("h5:session:" + madeUp);
        }
    }
}
