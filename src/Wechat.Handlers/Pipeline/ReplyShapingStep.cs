using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// Keeps a text reply within the 2048 bytes of a passive reply: the first part answers now, the rest follows as
/// customer-service messages. It sits outside the dedup claim's work, so retries reuse the shaped reply and the
/// overflow is sent once.
/// </summary>
public sealed class ReplyShapingStep(CustomerServiceDelivery delivery) : IMessageStep
{
    public async ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next)
    {
        var reply = await next(ctx);
        if (reply is not TextReply { FitsInPassiveReply: false } text)
        {
            return reply;
        }

        var (passive, overflow) = text.SplitForPassiveReply();
        // Sent in the background: the passive part is usually on screen before the API call lands.
        _ = delivery.DeliverAsync(ctx.OpenId, Task.FromResult<string?>(overflow), delivery.NewDeadline());
        return passive;
    }
}
