using System.Security.Cryptography;
using System.Text;
using Fund.Data.Stores;
using Wechat.Handlers.Pipeline;

namespace Wechat.Host;

/// <summary>
/// Push claims in MariaDB for the dedup step while Redis is away. Keys are hashed: an event's dedup key holds the
/// sender's OpenID, and the hash also fits any key into the column.
/// </summary>
internal sealed class MariaDbPushClaims(PushClaimStore store) : IPushClaimFallback
{
    private static string Key(string dedupKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)));

    public Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct) => store.TryClaimAsync(Key(dedupKey), lifetime, ct);

    public async Task<string?> ReplyAsync(string dedupKey, CancellationToken ct) => (await store.GetAsync(Key(dedupKey), ct)).Reply;

    public async Task<bool> ExistsAsync(string dedupKey, CancellationToken ct) => (await store.GetAsync(Key(dedupKey), ct)).Exists;

    public Task StoreReplyAsync(string dedupKey, string reply, TimeSpan lifetime, CancellationToken ct) =>
        store.StoreReplyAsync(Key(dedupKey), reply, lifetime, ct);

    public Task ReleaseAsync(string dedupKey, CancellationToken ct) => store.ReleaseAsync(Key(dedupKey), ct);

    public Task HandOverAsync(IReadOnlyList<(string DedupKey, string? Reply)> claims, TimeSpan lifetime, CancellationToken ct) =>
        store.HandOverAsync([.. claims.Select(c => (Key(c.DedupKey), c.Reply))], lifetime, ct);
}
