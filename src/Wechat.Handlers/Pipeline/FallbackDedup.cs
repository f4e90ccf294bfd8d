using Microsoft.Extensions.Logging;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// Dedup while Redis is away: the claim and the reply go to <see cref="IPushClaimFallback"/> (MariaDB in the host), so
/// WeChat's retry of a push, on whichever instance it lands, waits for the first delivery's reply instead of running
/// the handler a second time.
/// </summary>
/// <remarks>
/// Right after an outage a retry can find Redis back and claim there a push the fallback already handled; for as long
/// as a reply is kept after this instance last needed the fallback, a fresh Redis claim first asks the fallback.
/// </remarks>
/// <remarks>
/// At the start of an outage every instance hands the pushes it claimed in Redis just before over to the fallback, but
/// each one does so when it notices the failure, and not all notice at the same instant. A racing duplicate of such a
/// push that reaches an instance which noticed first would find no claim yet and run the handler again. So for
/// <see cref="MessagePipelineOptions.FallbackHandOverWait"/> after this instance first finds Redis away, a push waits
/// before claiming here (what is left of that time, not all of it); later pushes of the outage do not wait.
/// </remarks>
public sealed class FallbackDedup(
    IPushClaimFallback store, MessagePipelineOptions options, TimeProvider time, ILogger<FallbackDedup> logger)
{
    private long _lastUsedTicks = long.MinValue / 2;

    /// <summary>When this instance first found Redis away in the current outage; 0 while Redis answers.</summary>
    private long _outageSeenTicks;

    internal IPushClaimFallback Store => store;

    internal long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    /// <summary>
    /// Redis failed under this instance: from now on, for as long as replies are kept, what Redis lost may be in the
    /// fallback only.
    /// </summary>
    internal void MarkUsed()
    {
        var now = time.GetUtcNow().UtcTicks;
        Interlocked.Exchange(ref _lastUsedTicks, now);
        Interlocked.CompareExchange(ref _outageSeenTicks, now, 0);
    }

    /// <summary>When this instance's Redis last answered again after an outage.</summary>
    private long _outageEndedTicks = long.MinValue / 2;

    /// <summary>Redis answered a claim: any outage is over, the next one starts its own wait for hand-overs.</summary>
    internal void RedisAnswered()
    {
        if (Volatile.Read(ref _outageSeenTicks) != 0 && Interlocked.Exchange(ref _outageSeenTicks, 0) != 0)
            Interlocked.Exchange(ref _outageEndedTicks, time.GetUtcNow().UtcTicks);
    }

    /// <summary>
    /// Within <see cref="MessagePipelineOptions.FallbackClaimAfterOutage"/> of this instance's Redis answering again:
    /// other instances may not have reconnected yet, so a push claimed in Redis is claimed in the fallback too.
    /// </summary>
    internal bool JustAfterOutage =>
        time.GetUtcNow().UtcTicks - Interlocked.Read(ref _outageEndedTicks) < options.FallbackClaimAfterOutage.Ticks;

    /// <summary>
    /// Whether a delivery of <paramref name="message"/> could have been handled in the fallback: WeChat created it
    /// before this instance's Redis answered again, or within 10 s after (another instance may have been disconnected
    /// that long; WeChat's clock may differ by a few seconds). A push created later is new to every store.
    /// </summary>
    internal bool MayHaveBeenHandledThere(InboundMessage message) =>
        message.CreatedAt.UtcTicks <= Interlocked.Read(ref _outageEndedTicks) + 10 * TimeSpan.TicksPerSecond;

    /// <summary>
    /// For a push just claimed in Redis right after an outage: claims it in the fallback as well. (true, null) when
    /// this claim won there too (the caller runs the handler and stores the reply in both); (false, reply) when the
    /// push was claimed there already — by an instance still deduplicating there, or handed over — with that
    /// delivery's reply. Throws when the fallback does not answer: whether the push was handled there is unknown.
    /// </summary>
    public async Task<(bool Claimed, Reply? Earlier)> ClaimBesideRedisAsync(MessageContext ctx)
    {
        var claimed = await store.TryClaimAsync(ctx.Message.DedupKey, options.DedupClaimTtl, ctx.RequestAborted);
        if (claimed) return (true, null);
        return (false, await WaitForReplyAsync(ctx.Message.DedupKey, ctx, time.GetUtcNow() + options.RetryWait) ?? SuccessReply.Instance);
    }

    /// <summary>This instance needed the fallback (or lost its Redis connection) within the time replies are kept.</summary>
    internal bool RecentlyUsed => time.GetUtcNow().UtcTicks - LastUsedTicks < options.DedupReplyTtl.Ticks;

    /// <param name="startedAt">When the dedup of this delivery began (its Redis attempt included); now when omitted.</param>
    public async ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next, Action<MessageContext> logHandled,
        DateTimeOffset? startedAt = null)
    {
        var started = startedAt ?? time.GetUtcNow();
        MarkUsed();
        Fund.Core.Telemetry.FundMetrics.DedupFallbackUsed();
        var key = ctx.Message.DedupKey;
        await WaitForHandOversAsync(ctx);
        bool claimed;
        try
        {
            claimed = await store.TryClaimAsync(key, options.DedupClaimTtl, ctx.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Neither store can claim the push: another delivery of it may be running or have run on another instance,
            // so it is not handled here (the guard answers the busy text; WeChat's next delivery may find a store back).
            // It used to be handled without dedup; in the fault run at 200 pushes/s an overloaded MariaDB (its pool out
            // of connections during a Redis outage, not down) made that 61 pushes handled twice. With both stores away
            // the handlers could not read a binding or an account anyway.
            logger.LogWarning("Dedup fallback unavailable too; {MessageType} not handled: {ExceptionType}",
                ctx.Message.GetType().Name, ex.GetType().FullName);
            throw;
        }

        if (!claimed)
        {
            return await WaitForReplyAsync(key, ctx, started + options.RetryWait) ?? SuccessReply.Instance;
        }

        ctx.SpentBeforeHandler = time.GetUtcNow() - started;
        Reply reply;
        try
        {
            reply = await next(ctx);
            logHandled(ctx);
        }
        catch
        {
            await QuietlyAsync(() => store.ReleaseAsync(key, CancellationToken.None), "release");
            throw;
        }

        await QuietlyAsync(() => store.StoreReplyAsync(key, StoredReply.Serialize(reply), options.DedupReplyTtl, CancellationToken.None), "store the reply");
        return reply;
    }

    /// <summary>
    /// For a push just claimed in Redis right after an outage: the reply the fallback holds for it, if it was handled
    /// there (waiting while that delivery still works); null when the fallback never saw it. Throws when the fallback
    /// does not answer and the push may have been handled there (<see cref="MayHaveBeenHandledThere"/>).
    /// </summary>
    public async Task<Reply?> EarlierReplyAsync(MessageContext ctx)
    {
        try
        {
            if (!await store.ExistsAsync(ctx.Message.DedupKey, ctx.RequestAborted)) return null;
        }
        // The fallback not answering: a push created after the outage is new to it and is handled; one that may have
        // been handled there during the outage is not (the exception reaches the caller, which releases its claim).
        catch (Exception ex) when (ex is not OperationCanceledException && !MayHaveBeenHandledThere(ctx.Message))
        {
            return null;
        }
        return await WaitForReplyAsync(ctx.Message.DedupKey, ctx, time.GetUtcNow() + options.RetryWait) ?? SuccessReply.Instance;
    }

    /// <summary>
    /// In the first <see cref="MessagePipelineOptions.FallbackHandOverWait"/> of an outage, waits out the rest of it, so
    /// the other instances' hand-overs of their last Redis claims are in before this push is claimed here.
    /// </summary>
    private async Task WaitForHandOversAsync(MessageContext ctx)
    {
        var seen = Volatile.Read(ref _outageSeenTicks);
        if (seen == 0) return;
        var left = TimeSpan.FromTicks(seen + options.FallbackHandOverWait.Ticks - time.GetUtcNow().UtcTicks);
        if (left <= TimeSpan.Zero) return;
        logger.LogDebug("Dedup fallback waits {Milliseconds} ms for other instances' hand-overs", (long)left.TotalMilliseconds);
        await Task.Delay(left, time, ctx.RequestAborted);
    }

    private async Task<Reply?> WaitForReplyAsync(string key, MessageContext ctx, DateTimeOffset until)
    {
        while (time.GetUtcNow() < until)
        {
            try
            {
                if (await store.ReplyAsync(key, ctx.RequestAborted) is { } stored)
                {
                    Fund.Core.Telemetry.FundMetrics.DedupRetry("mariadb", "stored_reply");
                    return StoredReply.Deserialize(stored) ?? SuccessReply.Instance;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return null;
            }
            await Task.Delay(options.RetryPollInterval, time, ctx.RequestAborted);
        }
        Fund.Core.Telemetry.FundMetrics.DedupRetry("mariadb", "gave_up");
        return null;
    }

    internal Task QuietlyAsync(Func<IPushClaimFallback, Task> action, string what) => QuietlyAsync(() => action(store), what);

    private async Task QuietlyAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            logger.LogWarning("Dedup fallback could not {What}: {ExceptionType}", what, ex.GetType().FullName);
        }
    }
}
