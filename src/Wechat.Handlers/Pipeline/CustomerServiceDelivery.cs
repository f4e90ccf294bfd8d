using Microsoft.Extensions.Logging;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// Sends text that could not go in the passive reply as customer-service messages, in the background, under a
/// deadline of its own: the HTTP request that produced the text is over by the time it is sent.
/// </summary>
public sealed class CustomerServiceDelivery(
    ICustomerServiceSender sender, BackgroundSends running, MessagePipelineOptions options, TimeProvider time,
    ILogger<CustomerServiceDelivery> logger)
{
    /// <summary>A deadline for work that outlives its request.</summary>
    public CancellationTokenSource NewDeadline() => new(options.LateReplyTimeout, time);

    /// <summary>
    /// Waits for <paramref name="text"/> off the request's path and sends it; disposes <paramref name="deadline"/>.
    /// Never faults: a failure is logged, since nobody is left to tell. Tracked, so a stopping instance finishes it.
    /// The task is returned for tests.
    /// </summary>
    public Task DeliverAsync(string openId, Task<string?> text, CancellationTokenSource deadline) =>
        running.Track(Task.Run(async () =>
        {
            using (deadline)
            {
                try
                {
                    if (await text.ConfigureAwait(false) is { Length: > 0 } body)
                    {
                        await SendInPartsAsync(openId, body, deadline.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex)
                {
                    logger.LogWarning("A customer-service reply was not delivered: {ExceptionType}: {StackTrace}",
                        ex.GetType().FullName, ex.StackTrace);
                }
            }
        }));

    /// <summary>Customer-service text has the same 2048-byte limit, so long text goes as several messages.</summary>
    public async Task SendInPartsAsync(string openId, string text, CancellationToken ct)
    {
        var rest = text;
        while (rest.Length > 0)
        {
            var (part, overflow) = new TextReply(rest).SplitForPassiveReply();
            await sender.SendTextAsync(openId, part.Content, ct).ConfigureAwait(false);
            rest = overflow;
        }
    }
}
