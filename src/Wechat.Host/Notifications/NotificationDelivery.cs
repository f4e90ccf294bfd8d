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
/// Rows are leased one at a time (see <see cref="NotificationOutbox.LeaseNextAsync"/>), so several instances share the
/// outbox without sending a row twice. Stopping the instance does not cut a send short: the message under way is sent
/// and recorded under its own time limit, and only then does the loop stop taking rows. A sent message whose record
/// fails (MariaDB restarting) is recorded again until it sticks, rather than left to be sent a second time.
/// </remarks>
internal sealed class NotificationDelivery(
    NotificationOutbox outbox, WechatApiClient wechat, IOptionsMonitor<TemplateOptions> templates,
    IOptions<WechatOptions> wechatOptions, IOptions<NotificationOptions> options, ILogger<NotificationDelivery> log) : BackgroundService
{
    /// <summary>One send and its record; well inside the lease, so the row cannot pass to another instance meanwhile.</summary>
    private static readonly TimeSpan SendLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a sent message's record is retried while the database is away.</summary>
    private static readonly TimeSpan RecordLimit = TimeSpan.FromSeconds(60);

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

    /// <summary>Sends due rows one by one until none is due or <paramref name="stopping"/> is set.</summary>
    internal async Task DeliverDueAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested && await outbox.LeaseNextAsync(stopping) is { } message)
        {
            using var limit = new CancellationTokenSource(SendLimit);
            await DeliverAsync(message, limit.Token);
        }
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
        catch (Exception e)
        {
            log.LogWarning(e, "Sending outbox row {OutboxId} failed (attempt {Attempt})", message.Id, message.Attempts + 1);
            await outbox.MarkAttemptFailedAsync(message.Id, message.Attempts, e.GetType().Name + ": " + e.Message, CancellationToken.None);
            Fund.Core.Telemetry.FundMetrics.OutboxSent(message.Attempts + 1 >= NotificationOutbox.MaxAttempts ? "gave_up" : "failed");
            return;
        }
        await RecordSentAsync(message.Id);
        Fund.Core.Telemetry.FundMetrics.OutboxSent("sent");
        log.LogInformation("Sent {TemplateKey} for outbox row {OutboxId} as msgid {MsgId}", message.TemplateKey, message.Id, msgId);
    }

    private async Task RecordSentAsync(long id)
    {
        using var limit = new CancellationTokenSource(RecordLimit);
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.TicksPerSecond * 4)))
        {
            try
            {
                await outbox.MarkSentAsync(id, limit.Token);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !limit.IsCancellationRequested)
            {
                log.LogWarning("Outbox row {OutboxId} was sent but not yet recorded ({ExceptionType}); retrying", id, e.GetType().Name);
                await Task.Delay(delay, limit.Token);
            }
        }
    }
}
