using Fund.Data.Stores;
using Microsoft.Extensions.Options;
using Wechat.Handlers;
using Wechat.Handlers.Api;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// Sends the outbox's template messages. A failure is logged and retried later with back-off; it never reaches the
/// decision that queued the message, which committed before.
/// </summary>
internal sealed class NotificationDelivery(
    NotificationOutbox outbox, WechatApiClient wechat, IOptionsMonitor<TemplateOptions> templates,
    IOptions<WechatOptions> wechatOptions, IOptions<NotificationOptions> options, ILogger<NotificationDelivery> log) : BackgroundService
{
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
                log.LogWarning(e, "Notification outbox poll failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task DeliverDueAsync(CancellationToken ct)
    {
        foreach (var message in await outbox.LeaseDueAsync(20, ct))
        {
            var templateId = templates.CurrentValue.IdFor(message.TemplateKey);
            if (string.IsNullOrEmpty(templateId))
            {
                log.LogWarning("No template id configured for {TemplateKey}; outbox row {OutboxId} not sent", message.TemplateKey, message.Id);
                await outbox.MarkAttemptFailedAsync(message.Id, message.Attempts, "template not configured", ct);
                continue;
            }
            try
            {
                var url = wechatOptions.Value.PublicBaseUrl.TrimEnd('/') + message.Url;
                var msgId = await wechat.SendTemplateMessageAsync(message.OpenId, templateId, url, message.Data, ct);
                await outbox.MarkSentAsync(message.Id, ct);
                log.LogInformation("Sent {TemplateKey} for outbox row {OutboxId} as msgid {MsgId}", message.TemplateKey, message.Id, msgId);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Sending outbox row {OutboxId} failed (attempt {Attempt})", message.Id, message.Attempts + 1);
                await outbox.MarkAttemptFailedAsync(message.Id, message.Attempts, e.GetType().Name + ": " + e.Message, ct);
            }
        }
    }
}
