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
/// is handled without dedup.
/// </remarks>
public sealed class DedupStep(
    IConnectionMultiplexer redis, MessagePipelineOptions options, TimeProvider time, ILogger<DedupStep> logger,
    FallbackDedup? fallback = null)
    : IMessageStep
{
    private const string PendingPrefix = "pending";

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
            return await fallback.InvokeAsync(ctx, next, LogHandled);
        }

        while (true)
        {
            bool claimed;
            try
            {
                claimed = await db.StringSetAsync(key, claim, options.DedupClaimTtl, When.NotExists);
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                logger.LogWarning("Redis unavailable for dedup of {MessageType}: {ExceptionType}",
                    ctx.Message.GetType().Name, ex.GetType().FullName);
                if (fallback is not null)
                {
                    return await fallback.InvokeAsync(ctx, next, LogHandled);
                }

                // Without any store a duplicate answer is a smaller harm than no answer at all.
                var unguarded = await next(ctx);
                LogHandled(ctx);
                return unguarded;
            }

            if (claimed)
            {
                if (fallback is not null && await fallback.EarlierReplyAsync(ctx) is { } earlier)
                {
                    await StoreQuietlyAsync(db, key, earlier, ctx);
                    return earlier;
                }

                return await RunAndStoreAsync(db, key, claim, ctx, next);
            }

            if (await WaitForReplyAsync(db, key, waitUntil, ctx.RequestAborted) is { } stored)
            {
                return stored;
            }

            if (time.GetUtcNow() >= waitUntil)
            {
                // The first delivery is still working; answering nothing keeps the citizen from getting it twice.
                logger.LogInformation("Retry of {MessageType} gave up waiting for the first delivery", ctx.Message.GetType().Name);
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

    private async ValueTask<Reply> RunAndStoreAsync(IDatabase db, RedisKey key, string claim, MessageContext ctx, MessageDelegate next)
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
            throw;
        }

        await StoreQuietlyAsync(db, key, reply, ctx);
        return reply;
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
