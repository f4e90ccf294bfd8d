using Dapper;
using Fund.Core.Telemetry;

namespace Fund.Data.Stores;

/// <summary>
/// The outbox's backlog and the age of its oldest due row (what counts: ReadAsync), for <see cref="FundMetrics"/>'
/// gauges. A scrape reads the last value; MariaDB is asked at most once per <see cref="MaxAge"/> however many scrapes come (one at a time),
/// and a scrape waits at most <see cref="MaxWait"/> for it, so a slow or absent database never holds a scrape up: it
/// then reports the last level (or nothing, before the first).
/// </summary>
public sealed class OutboxLevelGauge(FundDatabase db, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    /// <summary>How many of the due rows, in the order the sender takes them, the age looks at.</summary>
    public const int HeadRows = 10_000;

    private readonly Lock _gate = new();
    private OutboxLevel? _last;
    private long _readAt; // ticks of the last read; 0: never read
    private Task? _reading;

    /// <summary>The level at most <see cref="MaxAge"/> old, when MariaDB answers within <see cref="MaxWait"/>.</summary>
    public OutboxLevel? Read()
    {
        Task? reading;
        lock (_gate)
        {
            if (time.GetUtcNow().UtcTicks - _readAt < MaxAge.Ticks) return _last;
            _reading ??= ReadAsync();
            reading = _reading;
        }
        // Synchronous because instrument callbacks are; the read runs on the thread pool, bounded here.
        reading.Wait(MaxWait);
        lock (_gate) return _last;
    }

    // The backlog is every row neither sent nor given up, counted on the due index (sent_at, failed_at, …) alone.
    // The age is that of the oldest row waiting for the sender now: the smallest created_at among the rows already due
    // (next_attempt_at ≤ now). A row waiting out a back-off, or leased to a sender (its next attempt is the lease's end),
    // is not waiting on the sender and is left out until its time comes; then it counts with its whole age, so a row
    // handed back again and again (45009, quota spent) still shows how long it has waited. The smallest id is not the
    // oldest row: it may be a row scheduled for a retry an hour away, and ids follow the insert, not created_at.
    // The rows looked at are the HeadRows the sender takes next (the due index's own order, as the lease reads it):
    // exact while no more are due; with more due, a retry whose back-off just ended sits behind them and is not seen,
    // and the figure is the oldest of the queue's head, which is then what grows. All due rows cost a read of each
    // (0.35-0.5 s with 250,000 due on the bench, loaded); the head costs some 15 ms.
    private async Task ReadAsync()
    {
        await Task.Yield();
        try
        {
            await using var conn = await db.OpenReadAsync(CancellationToken.None);
            var row = await conn.QuerySingleAsync<(long Backlog, DateTime? Oldest)>("""
                SELECT (SELECT COUNT(*) FROM notification_outbox WHERE sent_at IS NULL AND failed_at IS NULL) AS backlog,
                       (SELECT MIN(created_at) FROM (
                            SELECT created_at FROM notification_outbox
                             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP()
                             ORDER BY next_attempt_at, id
                             LIMIT @headRows) head) AS oldest
                """, new { headRows = HeadRows });
            var now = time.GetUtcNow().UtcDateTime;
            var age = row.Oldest is { } oldest ? Math.Max(0, (now - DateTime.SpecifyKind(oldest, DateTimeKind.Utc)).TotalSeconds) : 0;
            lock (_gate)
            {
                _last = new OutboxLevel(row.Backlog, age);
                _readAt = time.GetUtcNow().UtcTicks;
            }
        }
        catch
        {
            // Database away: the gauges keep the last level until it answers; the next scrape after MaxAge tries again.
            lock (_gate) _readAt = time.GetUtcNow().UtcTicks;
        }
        finally
        {
            lock (_gate) _reading = null;
        }
    }
}
