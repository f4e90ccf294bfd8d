using Fund.Core.Accounts;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// Runs before the dedup: when this instance holds a copy of the account bound to the sender, names the key whose
/// value says whether the copy is current, so the dedup claim reads it in its own round trip and 我的账户 / 余额
/// answer without a round trip of their own. Costs nothing for a sender without a copy.
/// </summary>
public sealed class AccountCopyStep(AccountQuery accounts) : IMessageStep
{
    public ValueTask<Reply> InvokeAsync(MessageContext ctx, MessageDelegate next)
    {
        ctx.PrefetchKey ??= accounts.CopyCheckKeyFor(ctx.OpenId);
        return next(ctx);
    }
}
