using System.Globalization;

namespace Fund.Core.Employers;

/// <summary>
/// Month arithmetic for 缴至年月. A month is the DateOnly of its first day, as <c>paid_up_to</c> stores it.
/// </summary>
public static class PayMonths
{
    public static DateOnly Of(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The month after the last one paid; with nothing paid yet, the month the account was opened.</summary>
    public static DateOnly NextDue(DateOnly? paidUpTo, DateOnly openedOn) =>
        paidUpTo is { } p ? Of(p).AddMonths(1) : Of(openedOn);

    /// <summary>Every month from <paramref name="from"/> to <paramref name="to"/>, both included, in order; empty when from is later.</summary>
    public static IReadOnlyList<DateOnly> Range(DateOnly from, DateOnly to)
    {
        var list = new List<DateOnly>();
        for (var m = Of(from); m <= Of(to); m = m.AddMonths(1)) list.Add(m);
        return list;
    }

    public static string Text(DateOnly month) => $"{month.Year}年{month.Month:00}月";

    /// <summary>Reads 2026-11 or 202611.</summary>
    public static DateOnly? Parse(string? value)
    {
        var v = value?.Trim() ?? "";
        return DateOnly.TryParseExact(v + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || DateOnly.TryParseExact(v + "01", "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d)
            ? d : null;
    }
}
