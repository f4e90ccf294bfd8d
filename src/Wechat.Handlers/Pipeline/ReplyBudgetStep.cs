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

        using (var budget = new CancellationTokenSource())
        {
            var expired = Task.Delay(options.ReplyBudget, time, budget.Token);
            if (await Task.WhenAny(work, expired) == work)
            {
                await budget.CancelAsync();
                deadline.Dispose();
                return await work;
            }
        }

        _ = delivery.DeliverAsync(ctx.OpenId, LateText(work), deadline);
        return SuccessReply.Instance;
    }

    private static async Task<string?> LateText(Task<Reply> work) => await work switch
    {
        TextReply text => text.Content,
        NewsReply news => $"{news.Title}\n{news.Description}\n{news.Url}",
        _ => null,
    };
}
