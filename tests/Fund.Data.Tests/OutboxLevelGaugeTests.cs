using Dapper;
using Fund.Core.Telemetry;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

/// <summary>The outbox gauges read on the real MariaDB (a database no sender drains): what "the oldest waiting row" is.</summary>
[Collection(QuietDataCollection.Name)]
public class OutboxLevelGaugeTests(QuietDataFixture fx)
{
    [Fact]
    public async Task TheOldestAgeIsTheOldestDueRowNotTheSmallestIdNorARowWaitingOutItsBackOff()
    {
        var db = fx.Get<FundDatabase>();
        long retrying, due, younger;
        await using (var conn = await db.OpenAsync(default))
        {
            // Older than anything the other tests leave behind. The smallest id of the three was queued 500 days ago
            // and waits out a back-off until tomorrow: a retry scheduled for later, not a row the sender is late with.
            retrying = await InsertAsync(conn, "500 DAY", "UTC_TIMESTAMP() + INTERVAL 1 DAY");
            // Queued after it with an earlier creation than the third: the ids do not follow created_at (a row written
            // in a transaction that commits late, a row written by another instance whose clock is behind).
            younger = await InsertAsync(conn, "300 DAY", "UTC_TIMESTAMP() - INTERVAL 300 DAY");
            due = await InsertAsync(conn, "400 DAY", "UTC_TIMESTAMP() - INTERVAL 1 SECOND");
        }
        try
        {
            var level = await ReadAsync(new OutboxLevelGauge(db, TimeProvider.System));

            Assert.NotNull(level);
            var oldestDue = TimeSpan.FromDays(400).TotalSeconds;
            Assert.InRange(level.Value.OldestAgeSeconds, oldestDue - 60, oldestDue + 60);
            Assert.True(level.Value.Backlog >= 3, "the back-off row still counts in the backlog");
        }
        finally
        {
            await using var conn = await db.OpenAsync(default);
            await conn.ExecuteAsync("DELETE FROM notification_outbox WHERE id IN @ids", new { ids = new[] { retrying, due, younger } });
        }
    }

    [Fact]
    public async Task RowsLeasedOrGivenUpOrSentAreNotWaiting()
    {
        var db = fx.Get<FundDatabase>();
        var ids = new List<long>();
        await using (var conn = await db.OpenAsync(default))
        {
            // 600 days old and under a sender's lease (its next attempt is the lease's end): in flight, not waiting.
            ids.Add(await InsertAsync(conn, "600 DAY", "UTC_TIMESTAMP() + INTERVAL 2 MINUTE"));
            ids.Add(await InsertAsync(conn, "700 DAY", "UTC_TIMESTAMP() - INTERVAL 700 DAY", sent: true));
            ids.Add(await InsertAsync(conn, "800 DAY", "UTC_TIMESTAMP() - INTERVAL 800 DAY", failed: true));
        }
        try
        {
            var level = await ReadAsync(new OutboxLevelGauge(db, TimeProvider.System));

            Assert.NotNull(level);
            Assert.True(level.Value.OldestAgeSeconds < TimeSpan.FromDays(550).TotalSeconds,
                $"the oldest waiting row is younger than the leased, sent and given-up ones: {level.Value.OldestAgeSeconds:0} s");
        }
        finally
        {
            await using var conn = await db.OpenAsync(default);
            await conn.ExecuteAsync("DELETE FROM notification_outbox WHERE id IN @ids", new { ids });
        }
    }

    /// <summary>
    /// The gauge's first level: a scrape waits at most 2 s for MariaDB and reports nothing before the first read is in,
    /// so a slow machine asks again (the read started by the first scrape goes on) until the level is there.
    /// </summary>
    private static async Task<OutboxLevel?> ReadAsync(OutboxLevelGauge gauge)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var level = await Task.Run(gauge.Read);
            if (level is not null || waited.Elapsed > TimeSpan.FromSeconds(20)) return level;
            await Task.Delay(100);
        }
    }

    private static Task<long> InsertAsync(MySqlConnector.MySqlConnection conn, string age, string nextAttempt, bool sent = false, bool failed = false) =>
        conn.ExecuteScalarAsync<long>($"""
            INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at, sent_at, failed_at)
            VALUES ('gauge-test', 'AccountSecurity', '/h5/account', '{"{}"}', UTC_TIMESTAMP() - INTERVAL {age}, {nextAttempt},
                    {(sent ? "UTC_TIMESTAMP()" : "NULL")}, {(failed ? "UTC_TIMESTAMP()" : "NULL")});
            SELECT LAST_INSERT_ID();
            """);
}
