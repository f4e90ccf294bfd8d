using System.Security.Cryptography;
using System.Text;
using Fund.Data.Stores;
using Microsoft.Extensions.Logging;
using Wechat.Handlers.Pipeline;

namespace Wechat.Host;

/// <summary>
/// Push claims in MariaDB for the dedup step while Redis is away. Keys are hashed: an event's dedup key holds the
/// sender's OpenID, and the hash also fits any key into the column.
/// </summary>
/// <remarks>
/// Expired rows are purged beside the claims, by one claim a second on each instance and without its push waiting:
/// at most <see cref="PurgeBatch"/> rows a second on each instance, as many as an outage at 200 pushes/s leaves behind on one instance alone (rows live 1 to
/// 5 minutes). Purging in every claim made the claims of an outage queue behind each other's row locks.
/// </remarks>
internal sealed class MariaDbPushClaims(PushClaimStore store, TimeProvider time, ILogger<MariaDbPushClaims> logger) : IPushClaimFallback
{
    internal const int PurgeBatch = 200;
    private long _lastPurgeTicks = long.MinValue / 2;

    private static string Key(string dedupKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)));

    public Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct)
    {
        PurgeNowAndThen();
        return store.TryClaimAsync(Key(dedupKey), lifetime, ct);
    }

    /// <summary>Starts a purge when none has started on this instance within the last second.</summary>
    private void PurgeNowAndThen()
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastPurgeTicks);
        if (now - last < TimeSpan.TicksPerSecond || Interlocked.CompareExchange(ref _lastPurgeTicks, now, last) != last) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await store.PurgeExpiredAsync(PurgeBatch, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // MariaDB away or busy: the rows wait for the next purge; a claim never depends on it.
                logger.LogDebug("Purging expired push claims failed: {ExceptionType}", ex.GetType().FullName);
            }
        });
    }

    public async Task<string?> ReplyAsync(string dedupKey, CancellationToken ct) => (await store.GetAsync(Key(dedupKey), ct)).Reply;

    public async Task<bool> ExistsAsync(string dedupKey, CancellationToken ct) => (await store.GetAsync(Key(dedupKey), ct)).Exists;

    public Task StoreReplyAsync(string dedupKey, string reply, TimeSpan lifetime, CancellationToken ct) =>
        store.StoreReplyAsync(Key(dedupKey), reply, lifetime, ct);

    public Task ReleaseAsync(string dedupKey, CancellationToken ct) => store.ReleaseAsync(Key(dedupKey), ct);

    public Task HandOverAsync(IReadOnlyList<(string DedupKey, string? Reply)> claims, TimeSpan lifetime, CancellationToken ct) =>
        store.HandOverAsync([.. claims.Select(c => (Key(c.DedupKey), c.Reply))], lifetime, ct);
}
