using Fund.Core.Ledger;

namespace Fund.Core.Employers;

/// <summary>
/// Which month an employer remits next. Months are remitted one at a time and in order: after the last month paid
/// comes the next; a month before the current one is in arrears and posts as 02 补缴, the current one as 01 汇缴.
/// A month after the current one is not due yet.
/// </summary>
public sealed record RemittanceSchedule(DateOnly? PaidUpTo, DateOnly CurrentMonth)
{
    /// <summary>The month to remit now, or null when the employer is paid up to the current month.</summary>
    public DateOnly? NextMonth
    {
        get
        {
            var next = PaidUpTo is { } p ? PayMonths.Of(p).AddMonths(1) : PayMonths.Of(CurrentMonth);
            return next <= PayMonths.Of(CurrentMonth) ? next : null;
        }
    }

    /// <summary>Every month still unpaid up to the current one, oldest first: the order they must be remitted in.</summary>
    public IReadOnlyList<DateOnly> Outstanding => NextMonth is { } n ? PayMonths.Range(n, CurrentMonth) : [];

    public static BusinessType TypeOf(DateOnly month, DateOnly currentMonth) =>
        PayMonths.Of(month) < PayMonths.Of(currentMonth) ? BusinessType.BackPayment : BusinessType.Remittance;
}
