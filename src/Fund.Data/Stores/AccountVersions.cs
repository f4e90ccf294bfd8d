using Dapper;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Fund.Data.Stores;

/// <summary>
/// The published version of each account's data: what lets an instance keep a copy of a citizen's account summary or
/// of a past year's statement and still show a change at once, on every instance.
/// </summary>
/// <remarks>
/// <para>The database moves <c>personal_account.data_version</c> in the writing transaction itself (migration 110's
/// triggers: any update of the account row — every ledger posting moves the balance —, ledger corrections and deletions,
/// binding changes), so the version is never forgotten. Right after commit the writer publishes the account's new
/// version to Redis (<see cref="PublishAsync(IEnumerable{string}, CancellationToken)"/>): <c>fund:acct:v:{grzh}</c> only ever
/// grows (a Lua max). A reader's copy carries the version it was read at and is served only while that version is at least
/// the published one, so a copy read before a write (even one stored after the write's publish) is never served after it.</para>
/// <para>Between a write's commit and its publish (one Redis command) the old copy may still be served; the writer's own
/// request has not been answered yet then. Should the publish fail (Redis away), the writer retries it in the background
/// and every instance drops all its copies on its own Redis connection failing or coming back (<see cref="Epoch"/>),
/// since the publish may have been lost with the outage; a copy also lives at most <see cref="MaxCopyAge"/>.</para>
/// </remarks>
public sealed class AccountVersions
{
    /// <summary>A copy is re-read from MariaDB at least this often, whatever Redis says.</summary>
    public static readonly TimeSpan MaxCopyAge = TimeSpan.FromMinutes(10);

    /// <summary>Published versions outlive every copy that could be checked against them.</summary>
    private static readonly TimeSpan FloorTtl = TimeSpan.FromDays(2);

    private const int KeysPerScript = 500;

    // Sets each key to its argument when that is greater than what it holds (or it holds nothing); the last argument
    // is the lifetime in seconds. Versions are microseconds since the epoch, below 2^53, exact in Lua's numbers.
    private const string MaxScript = """
        local ttl = ARGV[#ARGV]
        for i, key in ipairs(KEYS) do
          local current = tonumber(redis.call('GET', key) or '0') or 0
          if tonumber(ARGV[i]) > current then
            redis.call('SET', key, ARGV[i], 'EX', ttl)
          else
            redis.call('EXPIRE', key, ttl)
          end
        end
        return #KEYS
        """;

    private readonly FundDatabase db;
    private readonly IConnectionMultiplexer redis;
    private readonly ILogger<AccountVersions> logger;
    private long _epoch;

    public AccountVersions(FundDatabase db, IConnectionMultiplexer redis, ILogger<AccountVersions> logger)
    {
        this.db = db;
        this.redis = redis;
        this.logger = logger;
        redis.ConnectionFailed += (_, _) => DropCopies("redis connection failed");
        redis.ConnectionRestored += (_, _) => DropCopies("redis connection restored");
    }

    /// <summary>The Redis key holding the published version of <paramref name="grzh"/>.</summary>
    public static string KeyFor(string grzh) => "fund:acct:v:" + grzh;

    /// <summary>
    /// Moves whenever every copy this instance holds must be dropped: a publish that may have been lost, or a Redis
    /// outage. Caches tag their copies with it.
    /// </summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>Whether a copy read at <paramref name="version"/> may be served, given the published version.</summary>
    public static bool IsCurrent(long version, RedisValue published) =>
        !published.IsNull && published.TryParse(out long floor) && version >= floor;

    /// <summary>The published version of one account; null when none is published or Redis does not answer.</summary>
    public async Task<RedisValue> PublishedAsync(string grzh)
    {
        if (!redis.IsConnected) return RedisValue.Null;
        try
        {
            return await redis.GetDatabase().StringGetAsync(KeyFor(grzh));
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            return RedisValue.Null;
        }
    }

    /// <summary>
    /// A reader that found nothing published stores the version it read, so the next reads can use its copy. Only when
    /// nothing is there: a writer's publish (a max) is never lowered, and a copy older than a write is older than that
    /// write's publish. Not awaited.
    /// </summary>
    public void PublishIfNone(string grzh, long version)
    {
        if (!redis.IsConnected) return;
        try
        {
            redis.GetDatabase().StringSet(KeyFor(grzh), version, FloorTtl, When.NotExists, StackExchange.Redis.CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // Nothing published: the next read goes to MariaDB again.
        }
    }

    /// <summary>
    /// Right after a write's commit: reads the accounts' versions and publishes them. Never throws: the write is done;
    /// a failed publish is retried in the background and every copy of this instance dropped meanwhile.
    /// </summary>
    public async Task PublishAsync(IEnumerable<string> grzhs, CancellationToken ct)
    {
        var distinct = grzhs.Where(g => !string.IsNullOrEmpty(g)).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return;
        try
        {
            await PublishOnceAsync(distinct);
        }
        catch (Exception ex)
        {
            // Metric-worthy event "account_version.publish_failed": copies elsewhere may be stale until the retry lands.
            logger.LogWarning("Could not publish the data version of {Count} account(s): {ExceptionType}; retrying in the background",
                distinct.Count, ex.GetType().FullName);
            DropCopies("publish failed");
            _ = RetryAsync(distinct);
        }
    }

    /// <summary><see cref="PublishAsync(IEnumerable{string}, CancellationToken)"/> for one account.</summary>
    public Task PublishAsync(string grzh, CancellationToken ct) => PublishAsync([grzh], ct);

    private async Task PublishOnceAsync(IReadOnlyList<string> grzhs)
    {
        var database = redis.GetDatabase();
        foreach (var chunk in grzhs.Chunk(KeysPerScript))
        {
            var versions = (await db.ReadAsync(conn => conn.QueryAsync<(string Grzh, long Version)>(new CommandDefinition(
                    "SELECT grzh, CAST(data_version AS SIGNED) FROM personal_account WHERE grzh IN @chunk", new { chunk })), CancellationToken.None))
                .ToDictionary(r => r.Grzh, r => r.Version, StringComparer.Ordinal);

            // An account deleted by the write has no row: publish "now", above any version read before.
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + 999;
            var keys = chunk.Select(g => (RedisKey)KeyFor(g)).ToArray();
            var values = chunk.Select(g => (RedisValue)(versions.TryGetValue(g, out var v) ? v : now))
                .Append((long)FloorTtl.TotalSeconds).ToArray();
            await database.ScriptEvaluateAsync(MaxScript, keys, values);
        }
    }

    private async Task RetryAsync(IReadOnlyList<string> grzhs)
    {
        for (var attempt = 1; attempt <= 60; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)));
            try
            {
                await PublishOnceAsync(grzhs);
                DropCopies("publish retried");
                // Metric-worthy event "account_version.publish_retried".
                logger.LogInformation("Published the data version of {Count} account(s) on retry {Attempt}", grzhs.Count, attempt);
                return;
            }
            catch (Exception)
            {
                // Keep trying: copies elsewhere are dropped when their instance sees Redis fail or come back.
            }
        }
        // Metric-worthy event "account_version.publish_gave_up".
        logger.LogError("Gave up publishing the data version of {Count} account(s)", grzhs.Count);
    }

    private void DropCopies(string why)
    {
        Interlocked.Increment(ref _epoch);
        // Metric-worthy event "account_copies.dropped" (by reason: redis connection failed / restored, publish failed / retried).
        logger.LogDebug("Dropping every cached account copy: {Why}", why);
    }
}
