using Fund.Core.Notifications;
using Fund.Core.Accounts;
using Fund.Core.Ledger;

namespace Fund.Core.Withdrawals;

/// <summary>An application as a decision finds it, read under lock.</summary>
public sealed record LockedApplication(long Id, WithdrawalType Type, WithdrawalStatus Status, decimal Amount, string? CardLast4);

/// <summary>The account as a decision finds it, read under lock: status, open fund loans and its whole ledger.</summary>
public sealed record LockedAccount(AccountStatus Status, int OpenLoans, IReadOnlyList<LedgerEntry> Ledger)
{
    public decimal Balance => Ledger.Sum(e => e.Amount);
}

/// <summary>
/// What approving pays, made up as the counter's confirmation shows it: the balance (or the amount asked, for a partial
/// withdrawal) and the 销户结息 a closing withdrawal posts first.
/// </summary>
public sealed record Payout(decimal FromBalance, decimal ClosingInterest)
{
    public decimal Total => FromBalance + ClosingInterest;
}

/// <summary>Which template message a change sends the citizen.</summary>
public enum WithdrawalNotice { None, Approved, Rejected, Paid }

/// <summary>
/// What a decision changes, for the store to persist in one transaction: the application's new state, the ledger
/// lines, whether the account is closed, the audit line and the message to the citizen.
/// </summary>
public sealed record ReviewPlan(
    WithdrawalStatus NewStatus,
    decimal Amount,
    IReadOnlyList<Posting> Postings,
    bool CloseAccount,
    string AuditAction,
    string AuditDetail,
    WithdrawalNotice Notice,
    IReadOnlyDictionary<string, string> Message,
    string? Reason = null);

/// <summary>
/// The rules of the counter's decisions and the citizen's cancellation, on the state the store read under lock.
/// Each returns the outcome and, when it is <see cref="DecisionOutcome.Done"/>, the plan to persist.
/// </summary>
public static class WithdrawalReview
{
    public const int MaxReasonLength = 200;

    /// <summary>
    /// 审核通过: money leaves only an account still allowed to withdraw (days may pass between submission and review:
    /// frozen, closed or borrowing since means no). Posts the interest due to today, then 12 销户提取 of everything,
    /// and closes the account. With <paramref name="confirmed"/> (the amount the clerk was shown), pays only that amount.
    /// </summary>
    public static (DecisionOutcome Outcome, ReviewPlan? Plan) Approve(LockedApplication w, LockedAccount account, DateOnly today,
        decimal? confirmed = null)
    {
        if (w.Status != WithdrawalStatus.Submitted) return (DecisionOutcome.NotInRequiredState, null);
        if (confirmed is { } c && c != PayoutOf(w, account, today).Total) return (DecisionOutcome.PayoutChanged, null);
        if (!w.Type.IsClosing()) return ApprovePartial(w, account, today);
        if (account.Status is AccountStatus.Frozen or AccountStatus.Closed || account.OpenLoans > 0)
            return (DecisionOutcome.AccountNoLongerEligible, null);
        var interest = DepositInterest.DueAtClosing(account.Ledger, today);
        var payout = account.Balance + interest.Sum(p => p.Amount);
        var postings = interest.Append(new Posting(today, BusinessType.ClosingWithdrawal, -payout,
            BusinessType.ClosingWithdrawal.DisplayName() + "（" + w.Type.TypeName() + "）")).ToList();
        return (DecisionOutcome.Done, new ReviewPlan(WithdrawalStatus.Approved, payout, postings, CloseAccount: true,
            "withdrawal.approve", $"amount={payout:0.00} interest={interest.Sum(p => p.Amount):0.00}", WithdrawalNotice.Approved,
            TemplateMessages.WithdrawalApproved(w.Type.TypeName(), payout, w.CardLast4, today)));
    }

    /// <summary>
    /// What <see cref="Approve"/> pays on <paramref name="today"/>: the amount asked for 租房, 购房, 还贷; for a closing
    /// withdrawal the whole balance plus the interest due at closing (missing 年终结息 and the current year's to date).
    /// </summary>
    public static Payout PayoutOf(LockedApplication w, LockedAccount account, DateOnly today) =>
        w.Type.IsClosing()
            ? new Payout(account.Balance, DepositInterest.DueAtClosing(account.Ledger, today).Sum(p => p.Amount))
            : new Payout(w.Amount, 0m);

    /// <summary>
    /// 租房, 购房, 还贷: the amount asked, checked against the rules at submission, leaves as one 05 部分提取 line; the
    /// account stays open. Frozen or closed since, or a balance that no longer covers it, means no.
    /// </summary>
    private static (DecisionOutcome Outcome, ReviewPlan? Plan) ApprovePartial(LockedApplication w, LockedAccount account, DateOnly today)
    {
        if (account.Status is AccountStatus.Frozen or AccountStatus.Closed || account.Balance < w.Amount || w.Amount <= 0)
            return (DecisionOutcome.AccountNoLongerEligible, null);
        Posting[] postings = [new Posting(today, BusinessType.PartialWithdrawal, -w.Amount, w.Type.TypeName() + "提取")];
        return (DecisionOutcome.Done, new ReviewPlan(WithdrawalStatus.Approved, w.Amount, postings, CloseAccount: false,
            PartialApproveAction, $"amount={w.Amount:0.00}", WithdrawalNotice.Approved,
            TemplateMessages.WithdrawalApproved(w.Type.TypeName(), w.Amount, w.CardLast4, today)));
    }

    /// <summary>The audit action of an approved 部分提取 (the closing one is <c>withdrawal.approve</c>).</summary>
    public const string PartialApproveAction = "withdrawal.approve-partial";

    /// <summary>Why a 退回原因 cannot be used, or null.</summary>
    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "请填写退回原因"
        : reason.Trim().Length > MaxReasonLength ? $"退回原因不能超过{MaxReasonLength}字"
        : null;

    public static (DecisionOutcome Outcome, ReviewPlan? Plan) Reject(LockedApplication w, string reason, DateOnly today)
    {
        if (w.Status != WithdrawalStatus.Submitted) return (DecisionOutcome.NotInRequiredState, null);
        if (ReasonProblem(reason) is not null) throw new ArgumentException("A reason of 1 to 200 characters is required.", nameof(reason));
        reason = reason.Trim();
        return (DecisionOutcome.Done, new ReviewPlan(WithdrawalStatus.Rejected, w.Amount, [], CloseAccount: false,
            "withdrawal.reject", "reason=" + reason, WithdrawalNotice.Rejected,
            TemplateMessages.WithdrawalRejected(w.Type.TypeName(), reason, today), reason));
    }

    public static (DecisionOutcome Outcome, ReviewPlan? Plan) MarkPaid(LockedApplication w, DateOnly today)
    {
        if (w.Status != WithdrawalStatus.Approved) return (DecisionOutcome.NotInRequiredState, null);
        return (DecisionOutcome.Done, new ReviewPlan(WithdrawalStatus.Paid, w.Amount, [], CloseAccount: false,
            "withdrawal.paid", $"amount={w.Amount:0.00}", WithdrawalNotice.Paid,
            TemplateMessages.WithdrawalPaid(w.Type.TypeName(), w.Amount, w.CardLast4, today)));
    }

    /// <summary>The citizen withdraws the application: only while no clerk has decided it.</summary>
    public static (DecisionOutcome Outcome, ReviewPlan? Plan) Cancel(LockedApplication w)
    {
        if (w.Status != WithdrawalStatus.Submitted) return (DecisionOutcome.NotInRequiredState, null);
        return (DecisionOutcome.Done, new ReviewPlan(WithdrawalStatus.Cancelled, w.Amount, [], CloseAccount: false,
            "withdrawal.cancel", "by citizen before review", WithdrawalNotice.None, new Dictionary<string, string>()));
    }
}
