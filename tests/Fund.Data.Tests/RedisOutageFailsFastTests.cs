using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Fund.Data.Tests;

/// <summary>
/// While Redis is away a command fails at once rather than waiting in StackExchange.Redis's backlog for its 5 s timeout:
/// the dedup step must reach its MariaDB fallback within WeChat's 5 s (fault run r7: with the backlog every push of an
/// outage that touched Redis took ~5 s and 5,745 of 20,052 were never handled).
/// </summary>
public sealed class RedisOutageFailsFastTests
{
    [Fact]
    public void TheClientFailsCommandsAtOnceWhileDisconnectedAndConnectsLazily()
    {
        var options = DataExtensions.RedisOptions("127.0.0.1:6379,password=x");
        Assert.Same(BacklogPolicy.FailFast, options.BacklogPolicy);
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public async Task ACommandWithRedisAwayFailsAsNoConnectionNotAsABacklogTimeout()
    {
        // A Redis of the test's own, connected to and then killed, as in an outage.
        using var server = Wechat.Handlers.Tests.Pipeline.RedisOfItsOwn.Start();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Fund"] = Environment.GetEnvironmentVariable("ConnectionStrings__Fund")
                ?? "Server=127.0.0.1;Port=13306;User ID=fund;Password=fund-dev;Database=wechatfund_test;Character Set=utf8mb4",
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{server.Port},connectTimeout=500",
            ["Fund:EncryptionKey"] = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
            ["Fund:BlindIndexKey"] = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        });
        builder.AddFundData();
        using var host = builder.Build();
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        // The client connects lazily, and with FailFast a command before the first connection fails too: wait for it.
        for (var i = 0; i < 200 && !redis.IsConnected; i++) await Task.Delay(50);
        Assert.True(redis.IsConnected, "the client never connected to its Redis");
        await redis.GetDatabase().StringSetAsync("wechat:dedup:fail-fast", "1");
        server.Kill();
        for (var i = 0; i < 100 && redis.IsConnected; i++) await Task.Delay(50);
        Assert.False(redis.IsConnected);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => redis.GetDatabase().StringGetAsync("wechat:dedup:fail-fast"));

        // FailFast: "No connection is active/available"; the default backlog: a RedisTimeoutException after 5 s.
        Assert.IsType<RedisConnectionException>(failure);
    }
}
