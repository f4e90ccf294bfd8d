using Fund.Core.Ledger;
using Fund.Core.Notifications;

namespace Fund.Core.Employers;

public enum RemittanceOutcome { Posted, AlreadyRemitted, NotDue, Changed, NobodyToRemit, NoSuchEmployer }

/// <summary>The 到账 notice of one employee, built by <see cref="TemplateMessages"/>; sent when the account is bound.</summary>
public sealed record AccountNotice(string Grzh, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// What a confirmed 单位汇缴 writes, for Data to persist as it is in one transaction with its audit row: the business
/// (a posted remittance of <see cref="RemittancePlan.Headcount"/> and <see cref="RemittancePlan.Total"/>), one
/// 明细账 line per employee with its balance after, the new 缴至年月 of the employer and of each employee, and the
/// notices.
/// </summary>
public sealed record RemittanceBooking(
    RemittancePlan Plan,
    DateOnly PostedOn,
    IReadOnlyList<PlannedEntry> Entries,
    IReadOnlyList<AccountNotice> Notices)
{
    public EmployerBusinessStatus Status => EmployerBusinessStatus.Posted;
    public DateOnly PaidUpTo => Plan.Month;
    public string Summary => Plan.Memo;
    public string AuditDetail => $"dwzh={Plan.Dwzh} month={Plan.Month:yyyy-MM} headcount={Plan.Headcount} total={Plan.Total:0.00}";

    /// <summary>
    /// The rules of confirming a month, on what the store read under lock: months go in order and not before they are
    /// due; what the operator confirmed (headcount and total) must still be what would post; then each employee's
    /// line posts after their last one, and each is told the amount and the new balance.
    /// </summary>
    public static (RemittanceOutcome Outcome, RemittanceBooking? Booking) Book(string dwzh, DateOnly? employerPaidUpTo, DateOnly month,
        DateOnly today, int confirmedHeadcount, decimal confirmedTotal, IEnumerable<EmployeeContribution> employees)
    {
        var next = new RemittanceSchedule(employerPaidUpTo, PayMonths.Of(today)).NextMonth;
        if (next != PayMonths.Of(month))
            return (next is null || PayMonths.Of(month) < next ? RemittanceOutcome.AlreadyRemitted : RemittanceOutcome.NotDue, null);
        var plan = RemittancePlan.For(dwzh, month, today, employees);
        if (plan.Headcount == 0) return (RemittanceOutcome.NobodyToRemit, null);
        if (!plan.Matches(confirmedHeadcount, confirmedTotal)) return (RemittanceOutcome.Changed, null);

        var entries = new List<PlannedEntry>(plan.Lines.Count);
        var notices = new List<AccountNotice>(plan.Lines.Count);
        foreach (var line in plan.Lines)
        {
            var entry = LedgerPlan.After(line.Grzh, line.LastSeq, line.Balance, [new Posting(today, plan.Type, line.Total, plan.Memo)])[0];
            entries.Add(entry);
            notices.Add(new AccountNotice(line.Grzh, TemplateMessages.ContributionReceived(plan.Memo, line.Total, entry.BalanceAfter)));
        }
        return (RemittanceOutcome.Posted, new RemittanceBooking(plan, today, entries, notices));
    }
}
