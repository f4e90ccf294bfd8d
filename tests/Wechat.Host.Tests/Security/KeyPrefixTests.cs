using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.Security;

/// <summary>Two deployments sharing one Redis under different <c>Redis:KeyPrefix</c> values see none of each other's keys.</summary>
public sealed class KeyPrefixTests : IAsyncLifetime
{
    private readonly string first = "dep-a-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string second = "dep-b-" + Guid.NewGuid().ToString("N")[..8];
    private FundHostFactory hostA = null!, hostB = null!;
    private ConnectionMultiplexer raw = null!;

    public async Task InitializeAsync()
    {
        hostA = new FundHostFactory { Overrides = { ["Redis:KeyPrefix"] = first } };
        hostB = new FundHostFactory { Overrides = { ["Redis:KeyPrefix"] = second + ":" } };
        raw = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");
    }

    public async Task DisposeAsync()
    {
        await raw.DisposeAsync();
        await hostA.DisposeAsync();
        await hostB.DisposeAsync();
    }

    [Fact]
    public async Task ASessionOfOneDeploymentIsUnknownToTheOther()
    {
        var session = await hostA.Services.GetRequiredService<H5SessionStore>().CreateAsync("openid-prefix-test");

        Assert.NotNull(await hostA.Services.GetRequiredService<H5SessionStore>().GetAsync(session.Id));
        Assert.Null(await hostB.Services.GetRequiredService<H5SessionStore>().GetAsync(session.Id));
        Assert.True(await raw.GetDatabase().KeyExistsAsync($"{first}:h5:session:{session.Handle}"));
        Assert.False(await raw.GetDatabase().KeyExistsAsync($"h5:session:{session.Handle}"));
        await raw.GetDatabase().KeyDeleteAsync($"{first}:h5:session:{session.Handle}");
    }

    [Fact]
    public async Task ADedupKeyOfOneDeploymentIsUnknownToTheOther()
    {
        var key = "wechat:dedup:" + Guid.NewGuid().ToString("N");
        var a = hostA.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var b = hostB.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

        Assert.True(await a.StringSetAsync(key, "reply", TimeSpan.FromMinutes(1), When.NotExists));
        Assert.True(await b.StringSetAsync(key, "other", TimeSpan.FromMinutes(1), When.NotExists));

        Assert.Equal("reply", (string?)await a.StringGetAsync(key));
        Assert.Equal("other", (string?)await b.StringGetAsync(key));
        Assert.Equal("reply", (string?)await raw.GetDatabase().StringGetAsync($"{first}:{key}"));
        Assert.Equal("other", (string?)await raw.GetDatabase().StringGetAsync($"{second}:{key}"));
        await raw.GetDatabase().KeyDeleteAsync([$"{first}:{key}", $"{second}:{key}"]);
    }
}
