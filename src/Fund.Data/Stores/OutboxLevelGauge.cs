using Dapper;
using Fund.Core.Telemetry;

namespace Fund.Data.Stores;

/// <summary>
/// The outbox's backlog and the age of its oldest waiting row, for <see cref="FundMetrics"/>' gauges. A scrape reads
/// the last value; MariaDB is asked at most once per <see cref="MaxAge"/> however many scrapes come (one at a time),
/// and a scrape waits at most <see cref="MaxWait"/> for it, so a slow or absent database never holds a scrape up: it
/// then reports the last level (or nothing, before the first).
/// </summary>
public sealed class OutboxLevelGauge(FundDatabase db, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

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

    // Counted on the due index (sent_at, failed_at, …), which carries the primary key: the oldest waiting row is the
    // smallest id, and only that one row is read for its created_at.
    private async Task ReadAsync()
    {
        await Task.Yield();
        try
        {
            await using var conn = await db.OpenReadAsync(CancellationToken.None);
            var row = await conn.QuerySingleAsync<(long Backlog, DateTime? Oldest)>("""
                SELECT w.backlog, o.created_at
                  FROM (SELECT COUNT(*) AS backlog, MIN(id) AS oldest_id FROM notification_outbox
                         WHERE sent_at IS NULL AND failed_at IS NULL) w
                  LEFT JOIN notification_outbox o ON o.id = w.oldest_id
                """);
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
