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
    public async Task ALeasedRowIsNotDueAgainUntilItsLeaseEnds()
    {
        var outbox = NewInstance().Services.GetRequiredService<NotificationOutbox>();
        await using (var conn = await NewInstance().Services.GetRequiredService<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("""
                INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
                VALUES ('outbox-lease', 'WithdrawalPaid', '/h5/withdrawals', '{"first":"x"}', UTC_TIMESTAMP(), UTC_TIMESTAMP())
                """);

        var leased = Assert.Single(await outbox.LeaseBatchAsync(10, default));

        Assert.Equal(("outbox-lease", "x"), (leased.OpenId, leased.Data["first"]));
        Assert.Empty(await outbox.LeaseBatchAsync(10, default));
    }

    [Fact]
    public async Task TwoInstancesLeasingBatchesTogetherTakeEveryRowExactlyOnce()
    {
        var a = NewInstance();
        var b = NewInstance();
        const int rows = 1200;
        await using (var conn = await a.Services.GetRequiredService<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("""
                INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
                SELECT CONCAT('batch-', seq), 'ContributionReceived', '/h5/statement', '{}', UTC_TIMESTAMP(), UTC_TIMESTAMP()
                  FROM seq_1_to_1200
                """);

        // Both instances' pools hold a connection before the senders start, and the senders start together: a sender
        // whose first connection was still being opened could otherwise find every row already taken.
        foreach (var instance in new[] { a, b })
            await (await instance.Services.GetRequiredService<FundDatabase>().OpenAsync(default)).DisposeAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each instance runs four batch senders at once, recording what they sent a batch at a time.
        var senders = Enumerable.Range(0, 8).Select(async n =>
        {
            var outbox = (n % 2 == 0 ? a : b).Services.GetRequiredService<NotificationOutbox>();
            await start.Task;
            var ids = new List<long>();
            while ((await outbox.LeaseBatchAsync(50, default)) is { Count: > 0 } batch)
            {
                ids.AddRange(batch.Select(r => r.Id));
                await RecordSentAsync(outbox, batch.Select(r => r.Id).ToList());
            }
            return ids;
        }).ToList();
        start.SetResult();
        var taken = await Task.WhenAll(senders);

        var all = taken.SelectMany(ids => ids).ToList();
        Assert.Equal(rows, all.Count);
        Assert.Equal(rows, all.Distinct().Count());
        Assert.True(taken.Count(ids => ids.Count > 0) > 1, "the senders did not run side by side");
        await using var check = await b.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        Assert.Equal((0, 0), await check.QuerySingleAsync<(int, int)>(
            "SELECT COALESCE(SUM(sent_at IS NULL), 0), COALESCE(SUM(lease_token IS NOT NULL OR attempts <> 1), 0) FROM notification_outbox"));
    }

    [Fact]
    public async Task ASenderThatLosesItsCandidatesToAnotherLeasesTheNextRowsInsteadOfFindingNothing()
    {
        var a = NewInstance();
        await using var other = await a.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        await other.ExecuteAsync("""
            INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
            SELECT CONCAT('lost-', seq), 'ContributionReceived', '/h5/statement', '{}', UTC_TIMESTAMP(), UTC_TIMESTAMP()
              FROM seq_1_to_100
            """);
        var first = (await other.QueryAsync<long>("SELECT id FROM notification_outbox ORDER BY next_attempt_at, id LIMIT 50")).ToList();

        // Another sender is claiming the same 50 candidates this one will read: its claim holds their locks until it commits.
        await using var tx = await other.BeginTransactionAsync();
        await other.ExecuteAsync("UPDATE notification_outbox SET next_attempt_at = UTC_TIMESTAMP() + INTERVAL 120 SECOND, lease_token = 'other' WHERE id IN @first ORDER BY id",
            new { first }, tx);
        var leasing = a.Services.GetRequiredService<NotificationOutbox>().LeaseBatchAsync(50, default);
        await using (var watch = await a.Services.GetRequiredService<FundDatabase>().OpenAsync(default))
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await watch.ExecuteScalarAsync<int>("""
                       SELECT COUNT(*) FROM information_schema.PROCESSLIST
                        WHERE ID <> CONNECTION_ID() AND INFO LIKE 'UPDATE notification_outbox%lease_token = %'
                       """) == 0 && !leasing.IsCompleted)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the lease never reached its claim");
                await Task.Delay(10);
            }
        }
        await tx.CommitAsync();

        // This sender lost all 50 to the other: it leases the next 50, not nothing while 50 wait.
        var leased = await leasing;
        Assert.Equal(50, leased.Count);
        Assert.Empty(leased.Select(r => r.Id).Intersect(first));
    }

    [Fact]
    public async Task ARowGivenUpKeepsItsReasonAndARowHandedBackIsDueAgainWithoutAnAttempt()
    {
        var outbox = NewInstance().Services.GetRequiredService<NotificationOutbox>();
        await using var conn = await NewInstance().Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        await conn.ExecuteAsync("""
            INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
            VALUES ('outbox-gone', 'ContributionReceived', '/h5/statement', '{}', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
                   ('outbox-later', 'ContributionReceived', '/h5/statement', '{}', UTC_TIMESTAMP(), UTC_TIMESTAMP())
            """);
        var leased = await outbox.LeaseBatchAsync(10, default);
        Assert.Equal(["outbox-gone", "outbox-later"], leased.Select(r => r.OpenId));
        Assert.Empty(await outbox.LeaseBatchAsync(10, default));

        await outbox.GiveUpAsync(leased[0].Id, leased[0].Attempts, "errcode 43004: require subscribe", default);
        await outbox.DeferAsync([leased[1].Id], DateTime.UtcNow.AddSeconds(-1), "errcode 45009: quota", default);

        var rows = (await conn.QueryAsync<(string OpenId, int Attempts, bool Failed, string? Error, string? Token)>(
            "SELECT openid, attempts, failed_at IS NOT NULL, last_error, lease_token FROM notification_outbox ORDER BY id")).ToList();
        Assert.Equal([("outbox-gone", 1, true, "errcode 43004: require subscribe", null), ("outbox-later", 0, false, "errcode 45009: quota", null)],
            rows.Select(r => (r.OpenId, r.Attempts, r.Failed, r.Error, r.Token)));
        // The one handed back is due again at once; the one given up never is.
        Assert.Equal(["outbox-later"], (await outbox.LeaseBatchAsync(10, default)).Select(r => r.OpenId));
    }

    /// <summary>
    /// As the sender records its sends: MariaDB may make the record a deadlock's victim beside another sender's lease
    /// (the lease may walk the due index, not the keys), and the sender then records again (NotificationDelivery).
    /// </summary>
    private static async Task RecordSentAsync(NotificationOutbox outbox, List<long> ids)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await outbox.MarkSentAsync(ids, default);
                return;
            }
            catch (MySqlException e) when (attempt < 5 && e.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    public Task DisposeAsync()
    {
        foreach (var host in _instances) host.Dispose();
        return Task.CompletedTask;
    }
}
