using Fund.Core.Binding;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>Who is this OpenID: fills <see cref="MessageContext.Grzh"/> for the handlers.</summary>
public sealed class BindingStep(IBindingStore bindings) : IMessageStep
{
    public async ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next)
    {
        if (NeedsAccount(ctx.Message))
        {
            ctx.Grzh = await bindings.GetGrzhAsync(ctx.OpenId, ctx.RequestAborted);
        }

        return await next(ctx);
    }

    // Location reports arrive every few seconds while a chat is open and VIEW events on every page tap; neither
    // answers with account data, so they should not cost a database round trip.
    private static bool NeedsAccount(InboundMessage message) => message is TextMessage or VoiceMessage or ClickEvent or SubscribeEvent;
}
