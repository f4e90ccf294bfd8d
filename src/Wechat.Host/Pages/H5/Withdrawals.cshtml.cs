using Fund.Core.Accounts;
using Fund.Core.Withdrawals;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>提取记录 of the bound account, newest first.</summary>
public sealed class WithdrawalsModel(AccountQuery accounts) : BoundAccountPage(accounts)
{
    public IReadOnlyList<Withdrawal> Withdrawals { get; private set; } = [];

    public async Task OnGetAsync() => Withdrawals = await Accounts.WithdrawalsAsync(Account.Grzh, HttpContext.RequestAborted);
}
