using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>
/// Password (and security answer) attempts per account in <c>h5:login:failures:{grzh}</c> — and per counter user in
/// <c>h5:login:failures:counter:{username}</c>: after five wrong ones the account is locked for 15 minutes, whichever
/// OpenID or address the guesses come from.
/// </summary>
/// <remarks>
/// An attempt is counted <em>before</em> the slow hash check and forgiven only when it succeeds: counting after
/// the check let a burst of parallel guesses all read "not locked yet" and get hundreds of tries in one window.
/// </remarks>
public sealed class LoginLockout(IConnectionMultiplexer redis)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(15);

    /// <summary>Whether this attempt may be checked at all, and the tries left should it turn out wrong.</summary>
    public sealed record Attempt(bool Locked, int TriesLeftIfWrong);

    private static RedisKey Key(string grzh) => $"h5:login:failures:{grzh}";

    public async Task<Attempt> BeginAsync(string grzh)
    {
        // The window starts at the first attempt; the fifth restarts it so the lock lasts the full 15 minutes.
        var n = await WindowCounter.IncrementAsync(redis.GetDatabase(), Key(grzh), LockTime, restartAt: MaxFailures);
        return new Attempt(n > MaxFailures, (int)Math.Max(0, MaxFailures - n));
    }

    /// <summary>A right answer forgives the attempts before it.</summary>
    public Task ClearAsync(string grzh) => redis.GetDatabase().KeyDeleteAsync(Key(grzh));
}
