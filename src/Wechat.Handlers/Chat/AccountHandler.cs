using Fund.Core.Accounts;
using Fund.Core.Validation;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Chat;

/// <summary>我的账户 and 余额查询: the bound account in a few lines.</summary>
public sealed class AccountHandler(AccountQuery accounts, GuideHandler guide)
{
    public async ValueTask<Reply> MyAccountAsync(MessageContext ctx)
    {
        if (await BoundAccountAsync(ctx) is not { } a)
        {
            return guide.BindPrompt();
        }

        return new TextReply($"""
            【我的账户】
            姓名：{a.Name}
            个人账号：{Mask.AccountNumber(a.Grzh)}
            单位名称：{a.EmployerName}
            账户状态：{a.Status.DisplayName()}
            账户余额：{ChatFormat.Money(a.Balance)}
            月缴存额：{ChatFormat.Money(a.MonthlyDeposit)}
            缴至年月：{a.PaidUpToText}
            """);
    }

    public async ValueTask<Reply> BalanceAsync(MessageContext ctx)
    {
        if (await BoundAccountAsync(ctx) is not { } a)
        {
            return guide.BindPrompt();
        }

        return new TextReply($"""
            账户余额：{ChatFormat.Money(a.Balance)}
            缴至年月：{a.PaidUpToText}
            """);
    }

    // This instance's copy of the bound account when the version the dedup claim read beside it says it is current
    // (AccountCopyStep named the key): no round trip of its own. Otherwise one join of binding and account.
    private Task<PersonalAccount?> BoundAccountAsync(MessageContext ctx) =>
        accounts.ForOpenIdAsync(ctx.OpenId,
            ctx.PrefetchKey is { } key && ctx.PrefetchDone ? new CopyCheck(key, ctx.Prefetched) : null, ctx.RequestAborted);
}
