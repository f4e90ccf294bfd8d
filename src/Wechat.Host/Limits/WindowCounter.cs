using StackExchange.Redis;

namespace Wechat.Host.Limits;

/// <summary>
/// A Redis counter over a time window, counted and given its expiry in one script: a process that dies between
/// an INCR and its EXPIRE would otherwise leave a counter that never expires (a lock or a limit for ever).
/// </summary>
internal static class WindowCounter
{
    // ARGV[1]: window in ms; ARGV[2]: a count that restarts the window (0: none).
    private const string Script = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 or n == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    public static async Task<long> IncrementAsync(IDatabase db, RedisKey key, TimeSpan window, long restartAt = 0) =>
        (long)await db.ScriptEvaluateAsync(Script, [key], [(long)window.TotalMilliseconds, restartAt]);
}
