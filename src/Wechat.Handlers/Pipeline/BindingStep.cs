using Fund.Core.Binding;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// Who is this OpenID: tells the context how to find the bound account. The look-up itself waits until a handler
/// asks for <see cref="MessageContext.GrzhAsync"/>: location reports (every few seconds while a chat is open), VIEW
/// events and fixed replies such as the hotline never need it, and the account handlers read the account bound to
/// the OpenID in one join instead.
/// </summary>
public sealed class BindingStep(IBindingStore bindings) : IMessageStep
{
    public ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next)
    {
        ctx.LookUpBindingWith(ct => bindings.GetGrzhAsync(ctx.OpenId, ct));
        return next(ctx);
    }
}
