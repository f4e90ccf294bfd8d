using Dapper;
using Fund.Data.Migrations;
using Fund.Data.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MySqlConnector;

namespace Fund.Data.Tests;

/// <summary>
/// Two instances draining one outbox. Runs in a database of its own: the senders take every due row, and rows of
/// other tests (the browser tests' hosts share wechatfund_test) must not be taken from under them.
/// </summary>
public sealed class OutboxTwoSendersTests : IAsyncLifetime
{
    private readonly List<IHost> _instances = [];

    private IHost NewInstance()
    {
        var shared = new MySqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Fund")
            ?? "Server=127.0.0.1;Port=13306;User ID=fund;Password=fund-dev;Character Set=utf8mb4") { Database = "wechatfund_outbox_test" };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Fund"] = shared.ConnectionString,
            ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379",
            ["Fund:EncryptionKey"] = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
            ["Fund:BlindIndexKey"] = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        });
        builder.AddFundData();
        var host = builder.Build();
        _instances.Add(host);
        return host;
    }

    public async Task InitializeAsync()
    {
        var first = NewInstance();
        await first.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
        await using var conn = await first.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        await conn.ExecuteAsync("DELETE FROM notification_outbox");
    }

    [Fact]
    public async Task TwoInstancesDrainingTheOutboxTogetherLeaseEveryRowExactlyOnce()
    {
        var a = NewInstance();
        var b = NewInstance();
        const int rows = 300;
        await using (var conn = await a.Services.GetRequiredService<FundDatabase>().OpenAsync(default))
        {
            for (var i = 0; i < rows; i++)
                await conn.ExecuteAsync("""
                    INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
                    VALUES (@openId, 'WithdrawalPaid', '/h5/withdrawals', '{}', UTC_TIMESTAMP(), UTC_TIMESTAMP())
                    """, new { openId = $"outbox-{i}" });
        }

        // Each instance runs four senders at once, as four polls racing would.
        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => DrainAsync((n % 2 == 0 ? a : b)
            .Services.GetRequiredService<NotificationOutbox>())));

        var all = taken.SelectMany(ids => ids).ToList();
        Assert.Equal(rows, all.Count);
        Assert.Equal(rows, all.Distinct().Count());
        Assert.True(taken.Count(ids => ids.Count > 0) > 1, "the senders did not run side by side");
        await using var check = await b.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        Assert.Equal(0, await check.QuerySingleAsync<int>("SELECT COUNT(*) FROM notification_outbox WHERE sent_at IS NULL"));
    }

    [Fact]
    public async Task ALeasedRowIsNotDueAgainUntilItsLeaseEnds()
    {
        var outbox = NewInstance().Services.GetRequiredService<NotificationOutbox>();
        await using (var conn = await NewInstance().Services.GetRequiredService<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("""
                INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
                VALUES ('outbox-lease', 'WithdrawalPaid', '/h5/withdrawals', '{"first":"x"}', UTC_TIMESTAMP(), UTC_TIMESTAMP())
                """);

        var leased = await outbox.LeaseNextAsync(default);

        Assert.Equal(("outbox-lease", "x"), (leased!.OpenId, leased.Data["first"]));
        Assert.Null(await outbox.LeaseNextAsync(default));
    }

    private static async Task<List<long>> DrainAsync(NotificationOutbox outbox)
    {
        var ids = new List<long>();
        while (await outbox.LeaseNextAsync(default) is { } row)
        {
            ids.Add(row.Id);
            await outbox.MarkSentAsync(row.Id, default);
        }
        return ids;
    }

    public Task DisposeAsync()
    {
        foreach (var host in _instances) host.Dispose();
        return Task.CompletedTask;
    }
}
