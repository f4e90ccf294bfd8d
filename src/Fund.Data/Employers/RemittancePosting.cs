using Dapper;
using Fund.Core.Employers;
using Fund.Data.Stores;
using MySqlConnector;

namespace Fund.Data.Employers;

/// <summary>
/// Persists a confirmed 单位汇缴 in one transaction; the rules and every amount are <see cref="RemittanceBooking"/>'s.
/// The employer row is locked first, so concurrent confirms queue and the second finds the month already remitted
/// (the remittance table's UNIQUE (dwzh, month) backs that up); then the employer's accounts, read with their
/// balances and last lines for the booking. What it returns is written as it is: the business, the 明细账 lines,
/// the balances and 缴至年月, the notices, the audit row. Set-based: thousands of rows to a statement, so a
/// 10,000-employee employer posts in well under a second on a quiet machine.
/// </summary>
public sealed class RemittancePosting(FundDatabase db, AccountVersions versions) : IRemittancePosting
{
    public const string StatementPath = "/h5/statement";

    public async Task<(RemittanceOutcome Outcome, long BusinessId)> PostAsync(string dwzh, DateOnly month, DateOnly today,
        int confirmedHeadcount, decimal confirmedTotal, Transactor who, CancellationToken ct)
    {
        // A confirm MariaDB rolled back to break a deadlock (at the month-end peak, beside the outbox's sender and other
        // employers' confirms) runs again from the start: the clerk gets the posting, not 系统繁忙.
        var (outcome, booking, businessId) = await db.WriteAsync(async (conn, tx) =>
        {
            var employer = (await conn.QueryAsync<DateTime?>(new CommandDefinition(
                "SELECT paid_up_to FROM employer WHERE dwzh = @dwzh FOR UPDATE", new { dwzh }, tx, cancellationToken: ct))).ToList();
            if (employer.Count == 0) return (RemittanceOutcome.NoSuchEmployer, (RemittanceBooking?)null, 0L);
            var paidUpTo = employer[0] is { } p ? DateOnly.FromDateTime(p) : (DateOnly?)null;
            var next = new RemittanceSchedule(paidUpTo, PayMonths.Of(today)).NextMonth;
            // Only the month due is worth reading the accounts for: a repeated confirm answers without locking them.
            var employees = next == PayMonths.Of(month) ? await EmployerHallQueries.ContributionsAsync(conn, tx, dwzh, ct) : [];
            var (verdict, planned) = RemittanceBooking.Book(dwzh, paidUpTo, month, today, confirmedHeadcount, confirmedTotal, employees);
            if (planned is null) return (verdict, null, 0L);
            return (RemittanceOutcome.Posted, planned, await PersistAsync(conn, tx, planned, who, ct));
        }, ct);
        if (booking is null) return (outcome, 0);

        Fund.Core.Telemetry.FundMetrics.RemittancePosted(booking.Entries);
        // Every employee's 我的账户 and statement show the posting at once, on every instance.
        await versions.PublishAsync(booking.Entries.Select(e => e.Grzh), ct);
        return (RemittanceOutcome.Posted, businessId);
    }

    private static async Task<long> PersistAsync(MySqlConnection conn, MySqlTransaction tx, RemittanceBooking booking, Transactor who,
        CancellationToken ct)
    {
        var plan = booking.Plan;
        var month = plan.Month.ToDateTime(TimeOnly.MinValue);
        var businessId = await conn.QuerySingleAsync<long>(new CommandDefinition("""
            INSERT INTO employer_business (dwzh, kind, status, row_count, amount, month, operator_id, cert_serial, created_at, posted_at, summary)
            VALUES (@Dwzh, 'remit', @status, @Headcount, @Total, @month, @OperatorId, @CertSerial, UTC_TIMESTAMP(), UTC_TIMESTAMP(), @summary);
            SELECT LAST_INSERT_ID();
            """, new { plan.Dwzh, status = booking.Status, plan.Headcount, plan.Total, month, who.OperatorId, who.CertSerial, summary = booking.Summary },
            tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO remittance (dwzh, month, business_id, headcount, total, posted_at)
            VALUES (@Dwzh, @month, @businessId, @Headcount, @Total, UTC_TIMESTAMP())
            """, new { plan.Dwzh, month, businessId, plan.Headcount, plan.Total }, tx, cancellationToken: ct));

        await LedgerLines.InsertAsync(conn, tx, booking.Entries, ct);
        await AccountBalances.SetAsync(conn, tx, booking.Entries.Select(e => (e.Grzh, e.BalanceAfter)).ToList(),
            booking.PaidUpTo.ToDateTime(TimeOnly.MinValue), ct);
        await NotificationOutbox.EnqueueForAccountsAsync(conn, tx, TemplateKeys.ContributionReceived, StatementPath,
            booking.Notices.Select(n => (n.Grzh, n.Fields)).ToList(), ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE employer SET paid_up_to = @paidUpTo WHERE dwzh = @Dwzh",
            new { plan.Dwzh, paidUpTo = booking.PaidUpTo.ToDateTime(TimeOnly.MinValue) }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, who.Actor, "employer.remit", Target(businessId), booking.AuditDetail + " serial=" + who.CertSerial, ct);
        return businessId;
    }

    public static string Target(long businessId) => "business:" + businessId;
}
