using Microsoft.Extensions.Logging;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Chat;

/// <summary>The pipeline's last step: picks the handler by the kind of message, as a switch over the records.</summary>
public sealed class MessageRouter(
    ClickRoutes clicks, KeywordRoutes keywords, GuideHandler guide, OutletHandler outlets, ILogger<MessageRouter> logger)
{
    public ValueTask<Reply> RouteAsync(MessageContext ctx) => ctx.Message switch
    {
        TextMessage { Content: var content } => keywords.For(content)(ctx),
        VoiceMessage { Recognition: { Length: > 0 } words } => keywords.For(words)(ctx),
        LocationMessage { Latitude: var lat, Longitude: var lon } => outlets.NearestAsync(ctx, lat, lon),
        ClickEvent { Key: var key } => Click(ctx, key),
        SubscribeEvent => guide.WelcomeAsync(ctx),
        UnsubscribeEvent => Unsubscribed(ctx),
        // WeChat pushes LOCATION silently every few seconds while the chat is open; answering each would spam.
        LocationEvent => Quiet(EmptyReply.Instance),
        ViewEvent or ScanEvent or TemplateSendJobFinishEvent => Noted(ctx),
        ChatMessage => guide.HelpAsync(ctx),
        _ => Noted(ctx),
    };

    private ValueTask<Reply> Click(MessageContext ctx, string key)
    {
        if (clicks.For(key) is { } handler)
        {
            return handler(ctx);
        }

        logger.LogWarning("No handler for click key {ClickKey}", key);
        return guide.HelpAsync(ctx);
    }

    private ValueTask<Reply> Unsubscribed(MessageContext ctx)
    {
        logger.LogInformation("User {User} unfollowed", LogId.Of(ctx.OpenId));
        return Quiet(EmptyReply.Instance);
    }

    private ValueTask<Reply> Noted(MessageContext ctx)
    {
        var kind = ctx.Message switch
        {
            InboundEvent e => e.Event,
            UnknownMessage u => u.Event ?? u.MsgType,
            var m => m.GetType().Name,
        };
        logger.LogInformation("{MessageKind} needs no reply", kind);
        return Quiet(SuccessReply.Instance);
    }

    private static ValueTask<Reply> Quiet(Reply reply) => ValueTask.FromResult(reply);
}
