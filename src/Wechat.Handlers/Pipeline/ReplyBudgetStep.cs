using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// WeChat waits 5 seconds for a passive reply. A handler that is not done within the budget gets "success" sent
/// for it now and its reply delivered as a customer-service message when it finishes.
/// </summary>
/// <remarks>
/// The handler runs under a token of its own rather than the request's: after "success" WeChat hangs up, and the
/// late reply must still be produced.
/// </remarks>
public sealed class ReplyBudgetStep(CustomerServiceDelivery delivery, MessagePipelineOptions options, TimeProvider time)
    : IMessageStep
{
    public async ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next)
    {
        var deadline = delivery.NewDeadline();
        ctx.RequestAborted = deadline.Token;
        Task<Reply> work;
        try
        {
            work = next(ctx).AsTask();
        }
        catch
        {
            deadline.Dispose();
            throw;
        }

        if (work.IsCompleted)
        {
            deadline.Dispose();
            return await work;
        }

        try
        {
            // One timer and no extra tasks, where Task.Delay + WhenAny made three per message.
            var reply = await work.WaitAsync(Budget(ctx), time);
            deadline.Dispose();
            return reply;
        }
        catch (TimeoutException) when (!work.IsCompleted)
        {
            _ = delivery.DeliverAsync(ctx.OpenId, LateText(work), deadline);
            return SuccessReply.Instance;
        }
        catch (TimeoutException)
        {
            // The handler finished as the budget ran out, or threw a TimeoutException of its own: its outcome stands.
            deadline.Dispose();
            return await work;
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>The handler's budget, less what the push spent before it (at least a second).</summary>
    private TimeSpan Budget(MessageContext ctx) =>
        ctx.SpentBeforeHandler <= TimeSpan.Zero ? options.ReplyBudget
            : TimeSpan.FromTicks(Math.Max(options.ReplyBudget.Ticks - ctx.SpentBeforeHandler.Ticks, TimeSpan.TicksPerSecond));

    private static async Task<string?> LateText(Task<Reply> work) => await work switch
    {
        TextReply text => text.Content,
        NewsReply news => $"{news.Title}\n{news.Description}\n{news.Url}",
        _ => null,
    };
}
