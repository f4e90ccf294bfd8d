using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Loans;
using Fund.Core.Withdrawals;
using Fund.Core;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>
/// Persists the counter's decisions and the citizen's cancellation; the rules are <see cref="WithdrawalReview"/>'s.
/// Each is one transaction that locks the account, then the application (always in that order, as submitting does,
/// so the two never deadlock), hands what it read to the rule, and writes the plan, the audit line and the
/// citizen's notification. Two clerks acting at once: the second finds the state changed and gets
/// <see cref="DecisionOutcome.NotInRequiredState"/>.
/// </summary>
public sealed class WithdrawalDecisions(FundDatabase db, TimeProvider time, AccountVersions versions)
{
    public static string StatusPath(long id) => $"/h5/withdraw/status/{id}";

    /// <summary>
    /// Posts the interest due to today and 12 销户提取 of everything (balance → 0), and closes the account; pays only
    /// when the payout under the lock is still <paramref name="confirmedPayout"/>, the amount the clerk confirmed.
    /// </summary>
    public Task<DecisionOutcome> ApproveAsync(long id, string staff, decimal confirmedPayout, CancellationToken ct) =>
        ApproveAsync(id, staff, (decimal?)confirmedPayout, ct);

    /// <summary>The same without an amount to hold it to (the data tests' and the CLI's way).</summary>
    public Task<DecisionOutcome> ApproveAsync(long id, string staff, CancellationToken ct) => ApproveAsync(id, staff, null, ct);

    private Task<DecisionOutcome> ApproveAsync(long id, string staff, decimal? confirmedPayout, CancellationToken ct)
    {
        var today = Today();
        return DecideAsync(id, AuditTrail.Staff(staff), staff, owner: null, needsLedger: true,
            (w, account) => WithdrawalReview.Approve(w, account, today, confirmedPayout), ct);
    }

    /// <summary>What approving the application today would pay (Core's <see cref="WithdrawalReview.PayoutOf"/>), for the confirmation.</summary>
    public async Task<Payout?> PayoutAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var row = await conn.QuerySingleOrDefaultAsync<WithdrawalRow>(new CommandDefinition(
            "SELECT id, type, status, amount, card_last4 AS CardLast4, grzh FROM withdrawal WHERE id = @id", new { id }, tx, cancellationToken: ct));
        if (row is null) return null;
        var ledger = await MySqlLedgerStore.AllAsync(conn, tx, row.Grzh, ct);
        var application = row.ToLocked();
        return WithdrawalReview.PayoutOf(application, new LockedAccount(AccountStatus.Normal, 0, ledger), Today());
    }

    public Task<DecisionOutcome> RejectAsync(long id, string staff, string reason, CancellationToken ct) =>
        DecideAsync(id, AuditTrail.Staff(staff), staff, owner: null, needsLedger: false, (w, _) => WithdrawalReview.Reject(w, reason, Today()), ct);

    public Task<DecisionOutcome> MarkPaidAsync(long id, string staff, CancellationToken ct) =>
        DecideAsync(id, AuditTrail.Staff(staff), staff, owner: null, needsLedger: false, (w, _) => WithdrawalReview.MarkPaid(w, Today()), ct);

    /// <summary>The centre's calendar day (Beijing time): the ledger's posting date and the messages' date.</summary>
    private DateOnly Today() => CentreClock.Today(time);

    /// <summary>The owner withdraws an application no clerk has decided yet; another's id is simply not found.</summary>
    public Task<DecisionOutcome> CancelAsync(long id, string ownerGrzh, CancellationToken ct) =>
        DecideAsync(id, AuditTrail.Citizen(ownerGrzh), staff: null, owner: ownerGrzh, needsLedger: false, (w, _) => WithdrawalReview.Cancel(w), ct);


    private async Task<DecisionOutcome> DecideAsync(long id, string actor, string? staff, string? owner, bool needsLedger,
        Func<LockedApplication, LockedAccount, (DecisionOutcome, ReviewPlan?)> rule, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        // grzh never changes, so it can be read before the locks to lock the account first.
        var grzh = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT grzh FROM withdrawal WHERE id = @id", new { id }, cancellationToken: ct));
        if (grzh is null || (owner is not null && grzh != owner)) return DecisionOutcome.NotFound;

        await using var tx = await conn.BeginTransactionAsync(ct);
        var held = await AccountLock.TakeAsync(conn, tx, grzh, ct);
        var row = await conn.QuerySingleAsync<WithdrawalRow>(new CommandDefinition(
            "SELECT id, type, status, amount, card_last4 AS CardLast4 FROM withdrawal WHERE id = @id FOR UPDATE",
            new { id }, tx, cancellationToken: ct));
        var openLoans = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM loan WHERE grzh = @grzh AND status IN @open", new { grzh, open = LoanStatuses.Open }, tx, cancellationToken: ct));
        var ledger = needsLedger ? await MySqlLedgerStore.AllAsync(conn, tx, grzh, ct) : [];

        var application = row.ToLocked();
        var (outcome, plan) = rule(application, new LockedAccount(held.Status, openLoans, ledger));
        if (outcome != DecisionOutcome.Done || plan is null)
        {
            await tx.RollbackAsync(ct);
            return outcome;
        }

        if (plan.Postings.Count > 0)
            await LedgerLines.PostAsync(conn, tx, grzh, plan.Postings, ct);
        if (plan.CloseAccount)
            await conn.ExecuteAsync(new CommandDefinition("UPDATE personal_account SET status = @closed WHERE grzh = @grzh",
                new { grzh, closed = AccountStatus.Closed.Code() }, tx, cancellationToken: ct));
        var decides = plan.NewStatus is WithdrawalStatus.Approved or WithdrawalStatus.Rejected or WithdrawalStatus.Cancelled;
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE withdrawal
               SET status = @status, amount = @Amount, reason = COALESCE(@Reason, reason),
                   decided_at = IF(@decides, UTC_TIMESTAMP(), decided_at), decided_by = IF(@decides, @staff, decided_by),
                   paid_at = IF(@paid, UTC_TIMESTAMP(), paid_at)
             WHERE id = @id
            """, new { id, status = (int)plan.NewStatus, plan.Amount, plan.Reason, decides, staff, paid = plan.NewStatus == WithdrawalStatus.Paid },
            tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, actor, plan.AuditAction, AuditTrail.Withdrawal(id), plan.AuditDetail, ct);
        if (TemplateFor(plan.Notice) is { } template)
            await NotificationOutbox.EnqueueForAccountAsync(conn, tx, grzh, template, StatusPath(id), plan.Message.ToDictionary(), ct);
        await tx.CommitAsync(ct);
        // A payment's posting or a closed account shows at once in 我的账户 and the statement, on every instance.
        if (plan.Postings.Count > 0 || plan.CloseAccount) await versions.PublishAsync(grzh, ct);
        return DecisionOutcome.Done;
    }

    private static string? TemplateFor(WithdrawalNotice notice) => notice switch
    {
        WithdrawalNotice.Approved => TemplateKeys.WithdrawalApproved,
        WithdrawalNotice.Rejected => TemplateKeys.WithdrawalRejected,
        WithdrawalNotice.Paid => TemplateKeys.WithdrawalPaid,
        _ => null,
    };
}
