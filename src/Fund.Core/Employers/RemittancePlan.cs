using Fund.Core.Accounts;
using Fund.Core.Ledger;

namespace Fund.Core.Employers;

/// <summary>
/// What an employer knows of one employee's contribution: enough to plan a month's remittance. Balance and LastSeq
/// (the account's last 明细账 line) are what posting needs, read under lock when the remittance is booked.
/// </summary>
public sealed record EmployeeContribution(
    string Grzh, string Name, AccountStatus Status, decimal PersonalMonthly, decimal EmployerMonthly, DateOnly? PaidUpTo,
    decimal Balance = 0m, int LastSeq = 0);

public sealed record RemittanceLine(string Grzh, string Name, decimal Personal, decimal Employer, decimal Balance = 0m, int LastSeq = 0)
{
    public decimal Total => Personal + Employer;
}

/// <summary>
/// 单位汇缴: the rows and total an operator confirms. Every employee 正常 whose 缴至年月 is before the month is in it,
/// with the monthly amounts on record; sealed, closed and frozen accounts are not.
/// </summary>
public sealed record RemittancePlan(string Dwzh, DateOnly Month, BusinessType Type, IReadOnlyList<RemittanceLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Total);
    public int Headcount => Lines.Count;
    public string Memo => PayMonths.Text(Month) + Type.DisplayName();

    public static RemittancePlan For(string dwzh, DateOnly month, DateOnly currentMonth, IEnumerable<EmployeeContribution> employees)
    {
        var m = PayMonths.Of(month);
        var lines = employees
            .Where(e => e.Status == AccountStatus.Normal && (e.PaidUpTo is null || PayMonths.Of(e.PaidUpTo.Value) < m))
            .OrderBy(e => e.Grzh, StringComparer.Ordinal)
            .Select(e => new RemittanceLine(e.Grzh, e.Name, e.PersonalMonthly, e.EmployerMonthly, e.Balance, e.LastSeq))
            .ToList();
        return new RemittancePlan(dwzh, m, RemittanceSchedule.TypeOf(m, currentMonth), lines);
    }

    /// <summary>
    /// Whether what the operator saw (headcount and total) is still what would post: a change between showing and
    /// confirming (an employee sealed meanwhile) must be shown again, not posted unseen.
    /// </summary>
    public bool Matches(int headcount, decimal total) => headcount == Headcount && total == Total;
}
