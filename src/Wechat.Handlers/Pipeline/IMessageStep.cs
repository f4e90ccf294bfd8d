using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>A pipeline step with dependencies, so it can live in the container and be tested on its own.</summary>
public interface IMessageStep
{
    ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next);
}
