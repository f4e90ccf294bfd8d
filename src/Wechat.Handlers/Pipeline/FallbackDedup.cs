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
public sealed class FallbackDedup(
    IPushClaimFallback store, MessagePipelineOptions options, TimeProvider time, ILogger<FallbackDedup> logger)
{
    private long _lastUsedTicks = long.MinValue / 2;

    internal IPushClaimFallback Store => store;

    internal long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    /// <summary>This instance needed the fallback within the time replies are kept.</summary>
    internal bool RecentlyUsed => time.GetUtcNow().UtcTicks - LastUsedTicks < options.DedupReplyTtl.Ticks;

    public async ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next, Action<MessageContext> logHandled)
    {
        Interlocked.Exchange(ref _lastUsedTicks, time.GetUtcNow().UtcTicks);
        Fund.Core.Telemetry.FundMetrics.DedupFallbackUsed();
        var key = ctx.Message.DedupKey;
        bool claimed;
        try
        {
            claimed = await store.TryClaimAsync(key, options.DedupClaimTtl, ctx.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Neither store answers: a duplicate answer is a smaller harm than no answer at all.
            logger.LogWarning("Dedup fallback unavailable too, handling {MessageType} without dedup: {ExceptionType}",
                ctx.Message.GetType().Name, ex.GetType().FullName);
            var unguarded = await next(ctx);
            logHandled(ctx);
            return unguarded;
        }

        if (!claimed)
        {
            return await WaitForReplyAsync(key, ctx) ?? SuccessReply.Instance;
        }

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
    /// there (waiting while that delivery still works); null when the fallback never saw it.
    /// </summary>
    public async Task<Reply?> EarlierReplyAsync(MessageContext ctx)
    {
        try
        {
            if (!await store.ExistsAsync(ctx.Message.DedupKey, ctx.RequestAborted)) return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
        return await WaitForReplyAsync(ctx.Message.DedupKey, ctx) ?? SuccessReply.Instance;
    }

    private async Task<Reply?> WaitForReplyAsync(string key, MessageContext ctx)
    {
        var until = time.GetUtcNow() + options.RetryWait;
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
