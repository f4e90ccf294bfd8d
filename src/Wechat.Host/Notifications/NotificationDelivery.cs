using System.Collections.Concurrent;
using Fund.Data.Stores;
using Microsoft.Extensions.Options;
using Wechat.Handlers;
using Wechat.Handlers.Api;

namespace Wechat.Host.Notifications;

/// <summary>
/// Sends the outbox's template messages. A failure is logged and retried later with back-off; it never reaches the
/// decision that queued the message, which committed before.
/// </summary>
/// <remarks>
/// Rows are leased a batch at a time (<see cref="NotificationOutbox.LeaseBatchAsync"/>), so several instances share
/// the outbox without sending a row twice, and up to <see cref="NotificationOptions.Concurrency"/> sends are under way
/// at once: a month-end remittance queues hundreds of thousands of 到账 notices. What WeChat answers decides what
/// happens to a row: sent rows are recorded together after each batch; 43004/40003 (the citizen unfollowed, not our
/// OpenID) give the row up at once with that reason; 45009 (quota or rate spent) pauses the instance and hands the
/// row and the rest of the batch back without counting an attempt; -1 (busy), a failed or timed-out call back off
/// from <see cref="NotificationOptions.BusyRetrySeconds"/>, doubling, until <see cref="NotificationOutbox.MaxAttempts"/>.
/// Stopping the instance does not cut a send short: the sends under way finish and are recorded under their own
/// time limit, rows not yet begun are handed back at once, and only then does the loop stop. A sent message whose
/// record fails (MariaDB restarting) is recorded again until it sticks, rather than left to be sent a second time.
/// A row not begun within <see cref="StartLimit"/> of its batch's lease is handed back too, and sends are recorded every
/// few seconds while a batch is begun, so no send or record outlasts the lease that keeps other instances off, while
/// a slow send holds only its own slot (waiting for a whole batch's sends before the next lease cut the month-end
/// bench's notices from some 2,400/s to 420/s: the stand-in's slow answers stalled every batch).
/// </remarks>
internal sealed class NotificationDelivery(
    NotificationOutbox outbox, WechatApiClient wechat, IOptionsMonitor<TemplateOptions> templates,
    IOptions<WechatOptions> wechatOptions, IOptions<NotificationOptions> options, ILogger<NotificationDelivery> log,
    TimeProvider time) : BackgroundService
{
    /// <summary>One send and its record; well inside the lease, so the row cannot pass to another instance meanwhile.</summary>
    private static readonly TimeSpan SendLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a sent message's record is retried while the database is away.</summary>
    private static readonly TimeSpan RecordLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long after its lease a row may still be begun: a row begun later is handed back unsent. A batch's sends wait
    /// for one of <see cref="NotificationOptions.Concurrency"/> slots, and with WeChat slow (each send up to its limit)
    /// the last rows of a batch of 200 would begin well past the 2-minute lease, which another instance may by then
    /// have taken — and sent again. Begun by this (45 s), a send ends by 75 s (<see cref="SendLimit"/>), and its record
    /// follows within <see cref="SettleEvery"/> plus one send's limit (the loop waits at most that for a slot): by
    /// 110 s, inside the lease.
    /// </summary>
    internal static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(45);

    /// <summary>How often the sends done so far are recorded while a batch is still being begun.</summary>
    private static readonly TimeSpan SettleEvery = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<long> _sent = new();
    private readonly ConcurrentQueue<long> _handBack = new();
    private long _pausedUntilTicks;

    /// <summary>Until when WeChat's 45009 keeps this instance from sending (UTC).</summary>
    internal DateTime PausedUntil => new(Interlocked.Read(ref _pausedUntilTicks), DateTimeKind.Utc);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliveryEnabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds));
        do
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            // An HTTP timeout is an OperationCanceledException too: only shutting down may end the loop, or the
            // exception would escape ExecuteAsync and stop the whole host.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A send's own time limit running out lands here too: the row is retried once its lease ends.
                log.LogWarning(e, "Notification outbox poll failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Sends due rows, a leased batch after another, until none is due, WeChat asks for a pause (45009) or
    /// <paramref name="stopping"/> is set; returns when every send it began is recorded.
    /// </summary>
    internal async Task DeliverDueAsync(CancellationToken stopping)
    {
        var o = options.Value;
        using var slots = new SemaphoreSlim(o.Concurrency, o.Concurrency);
        var running = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested && !Paused())
            {
                var batch = await outbox.LeaseBatchAsync(o.BatchSize, stopping);
                if (batch.Count == 0) break;
                var leasedAt = time.GetUtcNow();
                var settledAt = leasedAt;
                foreach (var message in batch)
                {
                    if (stopping.IsCancellationRequested || Paused())
                    {
                        _handBack.Enqueue(message.Id);
                        continue;
                    }
                    try
                    {
                        await slots.WaitAsync(stopping);
                    }
                    catch (OperationCanceledException)
                    {
                        _handBack.Enqueue(message.Id);
                        continue;
                    }
                    // The wait for a slot is where a batch's time goes: a row whose lease is running down is not begun.
                    if (time.GetUtcNow() - leasedAt > StartLimit)
                    {
                        slots.Release();
                        _handBack.Enqueue(message.Id);
                        continue;
                    }
                    running.Add(SendAsync(message, slots));
                    // Sends of this batch and the one before are recorded as they go, not only at the batch's end:
                    // a slow send must not hold the others' records past their lease.
                    if (time.GetUtcNow() - settledAt > SettleEvery)
                    {
                        await SettleAsync();
                        settledAt = time.GetUtcNow();
                    }
                }
                running.RemoveAll(t => t.IsCompleted);
                await SettleAsync();
            }
        }
        finally
        {
            await Task.WhenAll(running);
            await SettleAsync();
        }
    }

    private bool Paused() => time.GetUtcNow().UtcDateTime < PausedUntil;

    private async Task SendAsync(PendingNotification message, SemaphoreSlim slots)
    {
        try
        {
            using var limit = new CancellationTokenSource(SendLimit);
            await DeliverAsync(message, limit.Token);
        }
        catch (Exception e)
        {
            // Recording a failure failed (the database away): the row is retried once its lease ends.
            log.LogWarning(e, "Outbox row {OutboxId}: the outcome of its send could not be recorded", message.Id);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Records the sends done so far in one statement, and hands back the rows not begun.</summary>
    private async Task SettleAsync()
    {
        var sent = Drain(_sent);
        if (sent.Count > 0)
        {
            await RecordSentAsync(sent);
            foreach (var _ in sent) Fund.Core.Telemetry.FundMetrics.OutboxSent("sent");
        }
        var back = Drain(_handBack);
        if (back.Count > 0)
        {
            var dueAt = Paused() ? PausedUntil : time.GetUtcNow().UtcDateTime;
            await outbox.DeferAsync(back, dueAt, null, CancellationToken.None);
        }
    }

    private static List<long> Drain(ConcurrentQueue<long> queue)
    {
        var ids = new List<long>();
        while (queue.TryDequeue(out var id)) ids.Add(id);
        return ids;
    }

    private async Task DeliverAsync(PendingNotification message, CancellationToken ct)
    {
        var templateId = templates.CurrentValue.IdFor(message.TemplateKey);
        if (string.IsNullOrEmpty(templateId))
        {
            log.LogWarning("No template id configured for {TemplateKey}; outbox row {OutboxId} not sent", message.TemplateKey, message.Id);
            await outbox.MarkAttemptFailedAsync(message.Id, message.Attempts, "template not configured", ct);
            Fund.Core.Telemetry.FundMetrics.OutboxSent("no_template");
            return;
        }
        long msgId;
        try
        {
            var url = wechatOptions.Value.PublicBaseUrl.TrimEnd('/') + message.Url;
            msgId = await wechat.SendTemplateMessageAsync(message.OpenId, templateId, url, message.Data, ct);
        }
        catch (WechatApiException e) when (WechatErrorCodes.RefusesRecipient(e.ErrCode))
        {
            log.LogInformation("Outbox row {OutboxId} given up: WeChat refuses the recipient ({ErrCode})", message.Id, e.ErrCode);
            await outbox.GiveUpAsync(message.Id, message.Attempts, $"errcode {e.ErrCode}: {e.ErrMsg}", CancellationToken.None);
            Fund.Core.Telemetry.FundMetrics.OutboxSent("gave_up");
            return;
        }
        catch (WechatApiException e) when (e.ErrCode == WechatErrorCodes.QuotaExceeded)
        {
            var until = time.GetUtcNow().UtcDateTime.AddSeconds(options.Value.QuotaPauseSeconds);
            if (until > PausedUntil)
            {
                Interlocked.Exchange(ref _pausedUntilTicks, until.Ticks);
                log.LogWarning("WeChat answered 45009 (quota spent): sending paused until {Until:u}", until);
            }
            await outbox.DeferAsync([message.Id], until, $"errcode {e.ErrCode}: {e.ErrMsg}", CancellationToken.None);
            Fund.Core.Telemetry.FundMetrics.OutboxSent("deferred");
            return;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Sending outbox row {OutboxId} failed (attempt {Attempt})", message.Id, message.Attempts + 1);
            var reason = e is WechatApiException api ? $"errcode {api.ErrCode}: {api.ErrMsg}" : e.GetType().Name + ": " + e.Message;
            await outbox.MarkAttemptFailedAsync(message.Id, message.Attempts, reason, CancellationToken.None,
                TimeSpan.FromSeconds(options.Value.BusyRetrySeconds));
            Fund.Core.Telemetry.FundMetrics.OutboxSent(message.Attempts + 1 >= NotificationOutbox.MaxAttempts ? "gave_up" : "failed");
            return;
        }
        _sent.Enqueue(message.Id);
        if (message.TemplateKey == TemplateKeys.ContributionReceived)
            Fund.Core.Telemetry.FundMetrics.RemittanceNoticeAccepted(message.CreatedAt, time.GetUtcNow().UtcDateTime);
        log.LogDebug("Sent {TemplateKey} for outbox row {OutboxId} as msgid {MsgId}", message.TemplateKey, message.Id, msgId);
    }

    private async Task RecordSentAsync(IReadOnlyCollection<long> ids)
    {
        using var limit = new CancellationTokenSource(RecordLimit);
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.TicksPerSecond * 4)))
        {
            try
            {
                await outbox.MarkSentAsync(ids, limit.Token);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !limit.IsCancellationRequested)
            {
                log.LogWarning("{Count} outbox rows were sent but not yet recorded ({ExceptionType}); retrying", ids.Count, e.GetType().Name);
                await Task.Delay(delay, limit.Token);
            }
        }
    }
}
