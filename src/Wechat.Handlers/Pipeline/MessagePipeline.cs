using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>The composed pipeline, built once at start-up and shared by every request.</summary>
public sealed class MessagePipeline(MessageDelegate run)
{
    public ValueTask<Reply> HandleAsync(MessageContext ctx) => run(ctx);
}
