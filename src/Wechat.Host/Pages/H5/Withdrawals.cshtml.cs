using Fund.Core.Accounts;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>提取记录 of the bound account, newest first.</summary>
public sealed class WithdrawalsModel(AccountQuery accounts, MySqlApplicationStore applications) : BoundAccountPage(accounts)
{
    protected override bool NeedsAccountRow => false;

    public IReadOnlyList<Withdrawal> Withdrawals { get; private set; } = [];

    /// <summary>Applications made online, which have a status page; older records came from the counter.</summary>
    public IReadOnlySet<long> Online { get; private set; } = new HashSet<long>();

    public async Task OnGetAsync()
    {
        Withdrawals = await Accounts.WithdrawalsAsync(Grzh, HttpContext.RequestAborted);
        Online = (await applications.OnlineIdsAsync(Grzh, HttpContext.RequestAborted)).ToHashSet();
    }
}
