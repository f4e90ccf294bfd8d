using Fund.Core.Loans;
using Fund.Core.Withdrawals;

namespace Fund.Core.Accounts;

/// <summary>What the chat and the H5 pages ask about one citizen: always the account bound to their OpenID.</summary>
public sealed class AccountQuery(IAccountStore accounts, ILoanStore loans, IWithdrawalStore withdrawals)
{
    /// <summary>The account bound to this OpenID, or null when none is.</summary>
    public Task<PersonalAccount?> ForOpenIdAsync(string openId, CancellationToken ct) => accounts.GetBoundToAsync(openId, ct);

    public Task<IReadOnlyList<Loan>> LoansAsync(string grzh, CancellationToken ct) => loans.GetByAccountAsync(grzh, ct);

    public Task<IReadOnlyList<LoanProgressStage>> ProgressAsync(string contractNo, CancellationToken ct) =>
        loans.GetProgressAsync(contractNo, ct);

    public Task<IReadOnlyList<Withdrawal>> WithdrawalsAsync(string grzh, CancellationToken ct) =>
        withdrawals.GetHistoryAsync(grzh, ct);
}
