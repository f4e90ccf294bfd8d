using Fund.Core.Ledger;

namespace Fund.Data.Seed;

/// <summary>
/// Makes a plausible ledger for a contributor: one 汇缴 a month on the 10th, and 年终结息 every 30 June on the
/// balance then (1.50%, the current rate for deposits over three months).
/// </summary>
public static class ContributionHistory
{
    public const decimal InterestRate = 0.015m;

    public static List<(DateOnly Date, BusinessType Type, decimal Amount, string Memo)> Monthly(
        DateOnly from, DateOnly paidUpTo, decimal monthly)
    {
        var list = new List<(DateOnly, BusinessType, decimal, string)>();
        var balance = 0m;
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= paidUpTo; month = month.AddMonths(1))
        {
            list.Add((month.AddDays(9), BusinessType.Remittance, monthly, $"{month.Year}年{month.Month:00}月汇缴"));
            balance += monthly;
            if (month.Month == 6)
            {
                var interest = Math.Round(balance * InterestRate, 2, MidpointRounding.AwayFromZero);
                list.Add((new DateOnly(month.Year, 6, 30), BusinessType.YearEndInterest, interest, $"{month.Year}年度结息"));
                balance += interest;
            }
        }
        return list;
    }
}
