using Microsoft.Extensions.Logging;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// The outermost step: whatever fails below, the citizen gets a polite line instead of WeChat's
/// "该公众号暂时无法提供服务" and WeChat does not retry into the same failure.
/// </summary>
public sealed class GuardStep(ILogger<GuardStep> logger) : IMessageStep
{
    public const string BusyText = "系统繁忙，请稍后再试";

    public async ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next)
    {
        try
        {
            return await next(ctx);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // WeChat hung up; nobody is listening for a reply.
            return EmptyReply.Instance;
        }
        catch (Exception ex)
        {
            // Exception messages can quote data (a query's values, an account number); the type and the stack cannot.
            logger.LogError("Message {MessageType} failed with {ExceptionType}: {StackTrace}",
                ctx.Message.GetType().Name, ex.GetType().FullName, ex.StackTrace);
            return new TextReply(BusyText);
        }
    }
}
