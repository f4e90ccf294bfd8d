using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Notifications;
using Fund.Core.Withdrawals;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>
/// The counter's decisions. Each is one transaction that locks the account, then the application (always in that
/// order, as submitting does, so the two never deadlock), checks the application is still in the state the action
/// needs, changes it, writes the audit line and queues the citizen's notification. Two clerks acting at once: the
/// second finds the state changed and gets <see cref="DecisionOutcome.NotInRequiredState"/>.
/// </summary>
public sealed class WithdrawalDecisions(FundDatabase db, TimeProvider time)
{
    public static string StatusPath(long id) => $"/h5/withdraw/status/{id}";

    /// <summary>Posts 12 销户提取 for the whole balance (balance → 0) and sets the account to 05 提取销户.</summary>
    public Task<DecisionOutcome> ApproveAsync(long id, string staff, CancellationToken ct) =>
        DecideAsync(id, staff, WithdrawalStatus.Submitted, recheckAccount: true, async (conn, tx, w, ct) =>
        {
            var balance = await conn.QuerySingleAsync<decimal>(new CommandDefinition(
                "SELECT balance FROM personal_account WHERE grzh = @Grzh", w, tx, cancellationToken: ct));
            var today = Today();
            await MySqlLedgerStore.PostAsync(conn, tx, w.Grzh,
                [(today, BusinessType.ClosingWithdrawal, -balance, BusinessType.ClosingWithdrawal.DisplayName() + "（" + w.TypeName + "）")], ct);
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE personal_account SET status = @closed WHERE grzh = @Grzh",
                new { w.Grzh, closed = AccountStatus.Closed.Code() }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE withdrawal SET status = 2, amount = @balance, decided_at = UTC_TIMESTAMP(), decided_by = @staff WHERE id = @Id
                """, new { w.Id, balance, staff }, tx, cancellationToken: ct));
            return ("withdrawal.approve", $"amount={balance:0.00}", TemplateKeys.WithdrawalApproved,
                TemplateMessages.WithdrawalApproved(w.TypeName, balance, w.CardLast4, today));
        }, ct);

    public Task<DecisionOutcome> RejectAsync(long id, string staff, string reason, CancellationToken ct) =>
        DecideAsync(id, staff, WithdrawalStatus.Submitted, recheckAccount: false, async (conn, tx, w, ct) =>
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE withdrawal SET status = 3, reason = @reason, decided_at = UTC_TIMESTAMP(), decided_by = @staff WHERE id = @Id
                """, new { w.Id, reason, staff }, tx, cancellationToken: ct));
            return ("withdrawal.reject", "reason=" + reason, TemplateKeys.WithdrawalRejected,
                TemplateMessages.WithdrawalRejected(w.TypeName, reason, Today()));
        }, ct);

    public Task<DecisionOutcome> MarkPaidAsync(long id, string staff, CancellationToken ct) =>
        DecideAsync(id, staff, WithdrawalStatus.Approved, recheckAccount: false, async (conn, tx, w, ct) =>
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE withdrawal SET status = 4, paid_at = UTC_TIMESTAMP() WHERE id = @Id", new { w.Id }, tx, cancellationToken: ct));
            return ("withdrawal.paid", $"amount={w.Amount:0.00}", TemplateKeys.WithdrawalPaid,
                TemplateMessages.WithdrawalPaid(w.TypeName, w.Amount, w.CardLast4, Today()));
        }, ct);

    /// <summary>The centre's calendar day (Beijing time): the ledger's posting date and the messages' date.</summary>
    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private delegate Task<(string Action, string Detail, string Template, IReadOnlyDictionary<string, string> Data)> Change(
        MySqlConnection conn, MySqlTransaction tx, Locked w, CancellationToken ct);

    private sealed class Locked
    {
        public long Id { get; init; }
        public string Grzh { get; init; } = "";
        public int Type { get; init; }
        public int Status { get; init; }
        public decimal Amount { get; init; }
        public string? CardLast4 { get; init; }
        public string TypeName => ((WithdrawalType)Type).TypeName();
    }

    private async Task<DecisionOutcome> DecideAsync(
        long id, string staff, WithdrawalStatus required, bool recheckAccount, Change change, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        // grzh never changes, so it can be read before the locks to lock the account first.
        var grzh = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT grzh FROM withdrawal WHERE id = @id", new { id }, cancellationToken: ct));
        if (grzh is null) return DecisionOutcome.NotFound;

        await using var tx = await conn.BeginTransactionAsync(ct);
        var status = await conn.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT status FROM personal_account WHERE grzh = @grzh FOR UPDATE", new { grzh }, tx, cancellationToken: ct));
        var w = await conn.QuerySingleAsync<Locked>(new CommandDefinition(
            "SELECT id, grzh, type, status, amount, card_last4 AS CardLast4 FROM withdrawal WHERE id = @id FOR UPDATE",
            new { id }, tx, cancellationToken: ct));
        if (w.Status != (int)required)
        {
            await tx.RollbackAsync(ct);
            return DecisionOutcome.NotInRequiredState;
        }
        // Eligibility was checked when the citizen submitted; days may pass before a clerk approves, and money
        // must not leave an account frozen or closed meanwhile, or one that has since taken a fund loan.
        if (recheckAccount && (AccountStatusCodes.FromCode(status) is AccountStatus.Frozen or AccountStatus.Closed
            || await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM loan WHERE grzh = @grzh AND status IN (1, 2)", new { grzh }, tx, cancellationToken: ct)) > 0))
        {
            await tx.RollbackAsync(ct);
            return DecisionOutcome.AccountNoLongerEligible;
        }
        var (action, detail, template, data) = await change(conn, tx, w, ct);
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Staff(staff), action, AuditTrail.Withdrawal(id), detail, ct);
        await NotificationOutbox.EnqueueForAccountAsync(conn, tx, grzh, template, StatusPath(id), data, ct);
        await tx.CommitAsync(ct);
        return DecisionOutcome.Done;
    }
}
