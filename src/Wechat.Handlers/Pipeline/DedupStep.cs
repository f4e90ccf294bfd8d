using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// WeChat delivers a push up to three times, 5 s apart, possibly to different instances. The first delivery claims
/// the message in Redis and stores its reply; a retry waits for that reply and returns it, so the citizen sees one
/// answer and the handler runs once.
/// </summary>
/// <remarks>
/// Key <c>wechat:dedup:{DedupKey}</c>: <c>pending:{claim id}</c> while the first delivery works (short TTL, in case
/// its instance dies), then the stored reply (see <see cref="StoredReply"/>). The claim id makes the release on
/// failure delete only our own claim, never one taken after ours expired.
/// </remarks>
/// <remarks>
/// While Redis is away, claims and replies go to <see cref="FallbackDedup"/> (MariaDB in the host); without one, a push
/// is handled without dedup. The two stores must not each let one delivery of the same push through:
/// <list type="bullet">
/// <item>Redis first, retry during the outage: the claims this instance made in Redis within the retry window are
/// handed to the fallback as soon as Redis fails (on the connection's failure event, and before any push of this
/// instance goes to the fallback), so the retry finds the claim there.</item>
/// <item>Fallback first, retry after the outage: for as long as replies are kept after any instance last needed the
/// fallback (this one, or another that left a marker in Redis once it was back), a push freshly claimed in Redis
/// first asks the fallback whether it was handled there.</item>
/// </list>
/// </remarks>
public sealed class DedupStep : IMessageStep
{
    private const string PendingPrefix = "pending";

    /// <summary>Set (with the reply lifetime) by an instance that used the fallback, once Redis is back.</summary>
    internal static readonly RedisKey FallbackUsedKey = "wechat:dedup:fallback-used";

    private readonly IConnectionMultiplexer redis;
    private readonly MessagePipelineOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<DedupStep> logger;
    private readonly FallbackDedup? fallback;
    private readonly RecentRedisClaims _recent;
    private readonly SemaphoreSlim _handOver = new(1, 1);
    private long _markerPublishedFor = long.MinValue;
    private long _markerCheckedAt = long.MinValue / 2;
    private volatile bool _markerSeen;

    public DedupStep(IConnectionMultiplexer redis, MessagePipelineOptions options, TimeProvider time, ILogger<DedupStep> logger,
        FallbackDedup? fallback = null)
    {
        this.redis = redis;
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.fallback = fallback;
        _recent = new RecentRedisClaims(time, options.RecentClaimWindow);
        // Hand the recent claims over the moment the connection drops, before a retry can reach another instance. A
        // dropped connection may also be a crash of Redis, which comes back without its last second of writes (AOF
        // everysec) or without everything (no persistence): claims and replies this or another instance made there,
        // now in the fallback only. So a drop counts as needing the fallback: for as long as replies are kept, a push
        // freshly claimed in Redis first asks the fallback, as after an outage this instance sent pushes to it.
        if (fallback is not null)
            redis.ConnectionFailed += (_, _) =>
            {
                fallback.MarkUsed();
                _ = HandOverRecentClaimsAsync();
            };
    }

    internal static RedisKey KeyFor(InboundMessage message) => "wechat:dedup:" + message.DedupKey;

    public async ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next)
    {
        var db = redis.GetDatabase();
        var key = KeyFor(ctx.Message);
        var claim = PendingPrefix + ":" + Guid.NewGuid().ToString("N");
        var waitUntil = time.GetUtcNow() + options.RetryWait;

        if (fallback is not null && !redis.IsConnected)
        {
            // Disconnected, a command would only wait out its timeout: go to the fallback at once.
            logger.LogWarning("Redis disconnected; dedup of {MessageType} goes to the fallback", ctx.Message.GetType().Name);
            await HandOverRecentClaimsAsync();
            return await fallback.InvokeAsync(ctx, next, LogHandled, waitUntil - options.RetryWait);
        }

        while (true)
        {
            bool claimed;
            // One round trip: the claim (SET NX EX) and, pipelined beside it, the read a step before asked for (the
            // version of the account copy 我的账户 answers from). Plain commands: StackExchange.Redis sends SET NX GET
            // as a Lua script (EVALSHA), and a script of our own cost 12 µs of Redis time a push against SET's 3.5 µs,
            // for a saving (a retry's first read) that only retries would see.
            var prefetch = ctx.PrefetchKey is { } prefetchKey ? db.StringGetAsync(prefetchKey) : null;
            try
            {
                claimed = await db.StringSetAsync(key, claim, options.DedupClaimTtl, When.NotExists);
                if (prefetch is not null)
                {
                    var read = await prefetch;
                    if (claimed) ctx.SetPrefetched(read.IsNull ? null : read.ToString());
                }
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                _ = prefetch?.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                logger.LogWarning("Redis unavailable for dedup of {MessageType}: {ExceptionType}",
                    ctx.Message.GetType().Name, ex.GetType().FullName);
                if (fallback is not null)
                {
                    await HandOverRecentClaimsAsync();
                    return await fallback.InvokeAsync(ctx, next, LogHandled, waitUntil - options.RetryWait);
                }

                // Without any store a duplicate answer is a smaller harm than no answer at all.
                var unguarded = await next(ctx);
                LogHandled(ctx);
                return unguarded;
            }

            fallback?.RedisAnswered();
            if (claimed)
            {
                _recent.Claimed(ctx.Message.DedupKey);
                if (fallback is not null && await FallbackRecentlyUsedAsync(db))
                {
                    var alsoInFallback = false;
                    Reply? earlier;
                    if (fallback.JustAfterOutage)
                    {
                        // Another instance may still be disconnected and deduplicating in the fallback only.
                        try
                        {
                            (alsoInFallback, earlier) = await fallback.ClaimBesideRedisAsync(ctx);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException && fallback.MayHaveBeenHandledThere(ctx.Message))
                        {
                            // MariaDB is away too, and the push is old enough to have been handled there during the
                            // outage: not running it beats running it twice; the busy text, and WeChat's retry may
                            // find MariaDB back (the Redis claim is released for it). A push created after the outage
                            // is handled, here only: an instance still disconnected does not handle a push while
                            // MariaDB is away (FallbackDedup), and this claim in Redis stops any other connected one.
                            await NotHandledAsync(db, key, claim, ctx, ex);
                            throw;
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            logger.LogWarning("Dedup fallback unavailable right after a Redis outage; a new {MessageType} handled in Redis only: {ExceptionType}",
                                ctx.Message.GetType().Name, ex.GetType().FullName);
                            earlier = null;
                        }
                    }
                    else
                    {
                        try
                        {
                            earlier = await fallback.EarlierReplyAsync(ctx);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            // As right after the outage: MariaDB cannot say whether this push, old enough to have been
                            // handled there, was; the busy text, and WeChat's retry may find MariaDB back.
                            await NotHandledAsync(db, key, claim, ctx, ex);
                            throw;
                        }
                    }

                    if (earlier is not null)
                    {
                        _recent.Answered(ctx.Message.DedupKey, StoredReply.Serialize(earlier));
                        await StoreQuietlyAsync(db, key, earlier, ctx);
                        return earlier;
                    }
                    if (alsoInFallback) return await RunAndStoreAsync(db, key, claim, ctx, next, alsoInFallback: true);
                }

                return await RunAndStoreAsync(db, key, claim, ctx, next);
            }

            if (await WaitForReplyAsync(db, key, waitUntil, ctx.RequestAborted) is { } stored)
            {
                Fund.Core.Telemetry.FundMetrics.DedupRetry("redis", "stored_reply");
                return stored;
            }

            if (time.GetUtcNow() >= waitUntil)
            {
                // The first delivery is still working; answering nothing keeps the citizen from getting it twice.
                logger.LogInformation("Retry of {MessageType} gave up waiting for the first delivery", ctx.Message.GetType().Name);
                Fund.Core.Telemetry.FundMetrics.DedupRetry("redis", "gave_up");
                return SuccessReply.Instance;
            }

            // The key vanished: the first delivery failed and released its claim. This retry may run it.
        }
    }

    /// <summary>
    /// One line per handler run that produced a reply, at Debug: the fault test counts them per push to prove no push
    /// is handled twice. (A run that failed released its claim, so a retry may run it; it changed nothing.) The push
    /// is named by a hash of its dedup key, which for events contains the OpenID.
    /// </summary>
    private void LogHandled(MessageContext ctx) =>
        logger.LogDebug("Handled push {Push}", LogId.Of(ctx.Message.DedupKey));

    /// <summary>Redis refused or timed out (a timeout is not a <see cref="RedisException"/>).</summary>
    private static bool IsRedisFailure(Exception ex) => ex is RedisException or RedisTimeoutException;

    private async ValueTask<Reply> RunAndStoreAsync(IDatabase db, RedisKey key, string claim, MessageContext ctx, MessageDelegate next,
        bool alsoInFallback = false)
    {
        Reply reply;
        try
        {
            reply = await next(ctx);
            LogHandled(ctx);
        }
        catch
        {
            await ReleaseAsync(db, key, claim, ctx);
            if ((_recent.Released(ctx.Message.DedupKey) || alsoInFallback) && fallback is not null)
                await fallback.QuietlyAsync(f => f.ReleaseAsync(ctx.Message.DedupKey, CancellationToken.None), "release a handed-over claim");
            throw;
        }

        var stored = StoredReply.Serialize(reply);
        if ((_recent.Answered(ctx.Message.DedupKey, stored) | alsoInFallback) && fallback is not null)
        {
            // Redis went away while the handler ran and the claim was handed over, or the push was claimed in the
            // fallback beside Redis right after an outage: the reply follows it there.
            await fallback.QuietlyAsync(f => f.StoreReplyAsync(ctx.Message.DedupKey, stored, options.DedupReplyTtl, CancellationToken.None),
                "store the reply of a handed-over claim");
        }
        StoreWithoutWaiting(db, key, stored, ctx);
        return reply;
    }

    /// <summary>
    /// A push this instance claimed in Redis that MariaDB cannot say was not handled there during an outage: logged,
    /// and its Redis claim released so WeChat's retry can try again (the caller rethrows: the guard's busy text).
    /// </summary>
    private async Task NotHandledAsync(IDatabase db, RedisKey key, string claim, MessageContext ctx, Exception ex)
    {
        logger.LogWarning("Dedup fallback unavailable after a Redis outage; {MessageType} not handled: {ExceptionType}",
            ctx.Message.GetType().Name, ex.GetType().FullName);
        await ReleaseAsync(db, key, claim, ctx);
        _recent.Released(ctx.Message.DedupKey);
    }

    /// <summary>Hands this instance's recent Redis claims to the fallback, once each; concurrent callers wait for it.</summary>
    private async Task HandOverRecentClaimsAsync()
    {
        if (fallback is null || _recent.Count == 0) return;
        await _handOver.WaitAsync();
        try
        {
            var claims = _recent.TakeForHandOver();
            if (claims.Count == 0) return;
            try
            {
                await fallback.Store.HandOverAsync(claims, options.DedupClaimTtl, CancellationToken.None);
                logger.LogInformation("Handed {Count} recent Redis claim(s) over to the dedup fallback", claims.Count);
                Fund.Core.Telemetry.FundMetrics.DedupClaimsHandedOver(claims.Count);
            }
            catch (Exception ex)
            {
                _recent.HandOverFailed(claims);
                logger.LogWarning("Could not hand {Count} recent Redis claim(s) over to the dedup fallback: {ExceptionType}",
                    claims.Count, ex.GetType().FullName);
            }
        }
        finally
        {
            _handOver.Release();
        }
    }

    /// <summary>
    /// Whether this instance, or another one (its marker in Redis, read at most once a second), needed the fallback
    /// within the reply lifetime: then a push freshly claimed in Redis may have been handled there.
    /// </summary>
    private async ValueTask<bool> FallbackRecentlyUsedAsync(IDatabase db)
    {
        if (fallback!.RecentlyUsed)
        {
            var lastUsed = fallback.LastUsedTicks;
            if (Interlocked.Exchange(ref _markerPublishedFor, lastUsed) != lastUsed)
            {
                try
                {
                    await db.StringSetAsync(FallbackUsedKey, "1", options.DedupReplyTtl);
                }
                catch (Exception ex) when (IsRedisFailure(ex))
                {
                    Interlocked.Exchange(ref _markerPublishedFor, long.MinValue);
                }
            }
            return true;
        }

        var now = time.GetUtcNow().UtcTicks;
        var checkedAt = Interlocked.Read(ref _markerCheckedAt);
        if (now - checkedAt >= TimeSpan.TicksPerSecond && Interlocked.CompareExchange(ref _markerCheckedAt, now, checkedAt) == checkedAt)
        {
            try
            {
                _markerSeen = await db.KeyExistsAsync(FallbackUsedKey);
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                // Keep the last answer.
            }
        }
        return _markerSeen;
    }

    /// <summary>
    /// Stores the reply without waiting for Redis's answer (fire-and-forget on the same connection, so a retry through
    /// this instance is always ordered after it). The reply is already in the recent claims, so a Redis failure
    /// hands it to the fallback. If the command itself is lost, a retry finds the claim still pending, waits
    /// <see cref="MessagePipelineOptions.RetryWait"/> and answers "success" — the handler never runs twice, and the
    /// citizen keeps the first delivery's answer (a retry comes only when WeChat did not get it, so then nothing).
    /// </summary>
    private void StoreWithoutWaiting(IDatabase db, RedisKey key, string stored, MessageContext ctx)
    {
        try
        {
            db.StringSet(key, stored, options.DedupReplyTtl, flags: CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // Metric-worthy event "wechat_push.reply_store_failed". The recent claims hold the reply for the fallback hand-over.
            logger.LogWarning("Could not store the reply to {MessageType}: {ExceptionType}",
                ctx.Message.GetType().Name, ex.GetType().FullName);
        }
    }

    private async Task StoreQuietlyAsync(IDatabase db, RedisKey key, Reply reply, MessageContext ctx)
    {
        try
        {
            await db.StringSetAsync(key, StoredReply.Serialize(reply), options.DedupReplyTtl);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // The citizen still gets this reply; a retry, should one come, finds the claim and waits it out.
            logger.LogWarning("Could not store the reply to {MessageType}: {ExceptionType}",
                ctx.Message.GetType().Name, ex.GetType().FullName);
        }
    }

    private async Task ReleaseAsync(IDatabase db, RedisKey key, string claim, MessageContext ctx)
    {
        try
        {
            // Deletes only if the value is still our claim id, atomically.
            await db.LockReleaseAsync(key, claim);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // The claim then expires on its own; the handler's own failure is what the caller must see.
            logger.LogWarning("Could not release the claim on {MessageType}: {ExceptionType}",
                ctx.Message.GetType().Name, ex.GetType().FullName);
        }
    }

    /// <summary>The stored reply; null when the key is gone (claim released) or the wait ran out.</summary>
    private async Task<Reply?> WaitForReplyAsync(IDatabase db, RedisKey key, DateTimeOffset waitUntil, CancellationToken ct)
    {
        while (true)
        {
            RedisValue value;
            try
            {
                value = await db.StringGetAsync(key);
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                // Redis went away while the first delivery works: that delivery answers; this one must not run it too.
                logger.LogWarning("Redis unavailable while a retry waited: {ExceptionType}", ex.GetType().FullName);
                return SuccessReply.Instance;
            }

            if (value.IsNull)
            {
                return null;
            }

            var text = value.ToString();
            if (!text.StartsWith(PendingPrefix, StringComparison.Ordinal))
            {
                return StoredReply.Deserialize(text) ?? SuccessReply.Instance;
            }

            if (time.GetUtcNow() >= waitUntil)
            {
                return null;
            }

            await Task.Delay(options.RetryPollInterval, time, ct);
        }
    }
}
