using Fund.Core.Accounts;
using Fund.Core.Loans;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>贷款进度: the stages of each loan of the bound account, looked up by the account, as the guide says.</summary>
public sealed class LoanProgressModel(AccountQuery accounts) : BoundAccountPage(accounts)
{
    protected override bool NeedsAccountRow => false;

    public IReadOnlyList<(Loan Loan, IReadOnlyList<LoanProgressStage> Stages)> Loans { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var list = new List<(Loan, IReadOnlyList<LoanProgressStage>)>();
        foreach (var loan in await Accounts.LoansAsync(Grzh, ct))
            list.Add((loan, await Accounts.ProgressAsync(loan.ContractNo, ct)));
        Loans = list;
    }
}
