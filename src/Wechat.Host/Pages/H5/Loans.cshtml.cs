using Fund.Core.Accounts;
using Fund.Core.Loans;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>贷款信息 of the bound account.</summary>
public sealed class LoansModel(AccountQuery accounts) : BoundAccountPage(accounts)
{
    protected override bool NeedsAccountRow => false;

    public IReadOnlyList<Loan> Loans { get; private set; } = [];

    public async Task OnGetAsync() => Loans = await Accounts.LoansAsync(Grzh, HttpContext.RequestAborted);
}
