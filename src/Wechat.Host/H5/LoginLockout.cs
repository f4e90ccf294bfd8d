using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>
/// Wrong passwords (and security answers) per account in <c>h5:login:failures:{grzh}</c>: after five the account
/// is locked for 15 minutes, whichever OpenID or address the guesses come from.
/// </summary>
public sealed class LoginLockout(IConnectionMultiplexer redis)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(15);

    private static RedisKey Key(string grzh) => $"h5:login:failures:{grzh}";

    public async Task<bool> IsLockedAsync(string grzh)
    {
        var n = await redis.GetDatabase().StringGetAsync(Key(grzh));
        return n.TryParse(out long count) && count >= MaxFailures;
    }

    /// <summary>Records a failure; returns the tries left before the lock (0: now locked).</summary>
    public async Task<int> RecordFailureAsync(string grzh)
    {
        var db = redis.GetDatabase();
        var n = await db.StringIncrementAsync(Key(grzh));
        // The window starts at the first failure; the fifth restarts it so the lock lasts the full 15 minutes.
        if (n == 1 || n == MaxFailures) await db.KeyExpireAsync(Key(grzh), LockTime);
        return (int)Math.Max(0, MaxFailures - n);
    }

    public Task ClearAsync(string grzh) => redis.GetDatabase().KeyDeleteAsync(Key(grzh));
}
