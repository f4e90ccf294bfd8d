using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Wechat.Handlers.Api;

/// <summary>A credential WeChat just issued and how many seconds WeChat says it lives.</summary>
internal readonly record struct IssuedCredential(string Value, int ExpiresInSeconds);

/// <summary>
/// One WeChat credential (access token, JS-SDK ticket) shared by every instance through Redis, so that WeChat's
/// daily quota is spent once per expiry and not once per process. Only the instance holding
/// <c>{key}:lock</c> fetches; the others poll the cache until the new value appears.
/// </summary>
/// <remarks>
/// The cached string is <c>{value}|{expiresAtUnixMs}</c>. Redis expires the key in real time; the embedded
/// deadline lets the <see cref="TimeProvider"/> decide freshness too, which keeps expiry testable.
/// </remarks>
internal sealed class SharedCredentialCache(
    IConnectionMultiplexer redis, string key, TimeProvider time, ILogger logger)
{
    /// <summary>Longer than one fetch (HTTP timeout 8 s) so a slow fetch is not joined by a second one.</summary>
    internal static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(10);

    /// <summary>Stop using a credential this long before WeChat says it ends: clocks and transit are not exact.</summary>
    internal static readonly TimeSpan SafetyMargin = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Longer than a lock can be held, so a waiter outlives a crashed holder and takes over.</summary>
    private static readonly TimeSpan MaxWait = LockLifetime + TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ForceMarkerLifetime = TimeSpan.FromMinutes(1);

    // Deletes the cached credential only while it still holds the rejected value, and leaves a marker so that
    // whichever instance fetches next asks WeChat for a new one instead of being handed the rejected one again.
    private static readonly LuaScript InvalidateScript = LuaScript.Prepare("""
        local v = redis.call('GET', @key)
        if v and string.sub(v, 1, string.len(@bad) + 1) == @bad .. '|' then
          redis.call('DEL', @key)
          redis.call('SET', @marker, '1', 'PX', @markerMs)
          return 1
        end
        return 0
        """);

    private string LockKey => key + ":lock";
    private string ForceMarkerKey => key + ":force-refresh";

    /// <param name="fetch">Asks WeChat for a new credential; the flag says a rejected one must not be returned.</param>
    public async Task<string> GetAsync(
        Func<bool, CancellationToken, Task<IssuedCredential>> fetch, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var attempts = (int)(MaxWait / PollInterval);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var cached = await ReadFreshAsync(db);
            if (cached is not null) return cached;

            var lockToken = Guid.NewGuid().ToString("N");
            if (await db.LockTakeAsync(LockKey, lockToken, LockLifetime))
            {
                try
                {
                    // Someone may have finished a refresh between our read and our lock.
                    cached = await ReadFreshAsync(db);
                    if (cached is not null) return cached;
                    return await FetchAndStoreAsync(db, fetch, cancellationToken);
                }
                finally
                {
                    await db.LockReleaseAsync(LockKey, lockToken);
                }
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        throw new TimeoutException($"Timed out waiting for another instance to refresh {key}.");
    }

    /// <summary>Forgets <paramref name="rejected"/> unless a newer value has already replaced it.</summary>
    /// <returns>Whether the cache still held the rejected value.</returns>
    public async Task<bool> InvalidateAsync(string rejected)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(InvalidateScript, new
        {
            key = (RedisKey)key,
            marker = (RedisKey)ForceMarkerKey,
            bad = rejected,
            markerMs = (long)ForceMarkerLifetime.TotalMilliseconds,
        });
        return (long)result == 1;
    }

    private async Task<string> FetchAndStoreAsync(
        IDatabase db, Func<bool, CancellationToken, Task<IssuedCredential>> fetch, CancellationToken cancellationToken)
    {
        var force = await db.KeyExistsAsync(ForceMarkerKey);
        var issued = await fetch(force, cancellationToken);
        if (string.IsNullOrEmpty(issued.Value) || issued.Value.Contains('|'))
            throw new InvalidOperationException($"WeChat issued an unusable value for {key}.");

        var lifetime = UsableLifetime(issued.ExpiresInSeconds);
        var expiresAt = time.GetUtcNow() + lifetime;
        await db.StringSetAsync(key, $"{issued.Value}|{expiresAt.ToUnixTimeMilliseconds()}", lifetime);
        if (force) await db.KeyDeleteAsync(ForceMarkerKey);
        logger.LogInformation("Refreshed {CredentialKey} (forced: {Forced}); usable for {Lifetime}", key, force, lifetime);
        return issued.Value;
    }

    /// <summary>
    /// WeChat's lifetime minus the margin; a credential that arrives with less than two margins left (stable_token
    /// returns the current one with its remaining time) is kept for half its time so we neither hammer WeChat nor
    /// use it to the last second.
    /// </summary>
    internal static TimeSpan UsableLifetime(int expiresInSeconds)
    {
        var issued = TimeSpan.FromSeconds(Math.Max(expiresInSeconds, 2));
        return issued > 2 * SafetyMargin ? issued - SafetyMargin : issued / 2;
    }

    private async Task<string?> ReadFreshAsync(IDatabase db)
    {
        string? stored = await db.StringGetAsync(key);
        if (stored is null) return null;
        var bar = stored.LastIndexOf('|');
        if (bar <= 0 || !long.TryParse(stored.AsSpan(bar + 1), out var expiresAtMs)) return null;
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(expiresAtMs);
        return time.GetUtcNow() < expiresAt ? stored[..bar] : null;
    }
}
