using Fund.Core.Loans;
using Fund.Core.Withdrawals;

namespace Fund.Core.Accounts;

/// <summary>
/// What the chat and the citizen pages ask about one citizen: always the account their session vouches for — bound to
/// their OpenID in WeChat, named by the sign-in itself in the personal web hall.
/// </summary>
public sealed class AccountQuery(IAccountStore accounts, ILoanStore loans, IWithdrawalStore withdrawals)
{
    /// <summary>The account bound to this OpenID, or null when none is.</summary>
    public Task<PersonalAccount?> ForOpenIdAsync(string openId, CancellationToken ct) => accounts.GetBoundToAsync(openId, ct);

    /// <summary>
    /// The same, where the caller already read the store's copy check (<see cref="CopyCheckKeyFor"/>): a copy that is
    /// current answers without a database round trip. A change of the account, its ledger or its binding shows at once.
    /// </summary>
    public Task<PersonalAccount?> ForOpenIdAsync(string openId, CopyCheck? check, CancellationToken ct) =>
        accounts.GetBoundToAsync(openId, check, ct);

    /// <summary>What to read, in a round trip the caller makes anyway, to answer <see cref="ForOpenIdAsync(string, CopyCheck?, CancellationToken)"/> from a copy.</summary>
    public string? CopyCheckKeyFor(string openId) => accounts.CopyCheckKeyFor(openId);

    /// <summary>The account a hall sign-in proved (never one named in a URL or form), or null.</summary>
    public Task<PersonalAccount?> ForAccountAsync(string grzh, CancellationToken ct) => accounts.GetAsync(grzh, ct);

    public Task<IReadOnlyList<Loan>> LoansAsync(string grzh, CancellationToken ct) => loans.GetByAccountAsync(grzh, ct);

    public Task<IReadOnlyList<LoanProgressStage>> ProgressAsync(string contractNo, CancellationToken ct) =>
        loans.GetProgressAsync(contractNo, ct);

    public Task<IReadOnlyList<Withdrawal>> WithdrawalsAsync(string grzh, CancellationToken ct) =>
        withdrawals.GetHistoryAsync(grzh, ct);
}
