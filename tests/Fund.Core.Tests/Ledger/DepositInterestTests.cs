using Fund.Core.Ledger;

namespace Fund.Core.Tests.Ledger;

public class DepositInterestTests
{
    private static LedgerEntry In(int y, int m, int d, decimal amount, BusinessType type = BusinessType.Remittance) =>
        new(new DateOnly(y, m, d), type, amount, 0m, "");

    [Theory]
    [InlineData(2026, 6, 30, 2025)]
    [InlineData(2026, 7, 1, 2026)]
    [InlineData(2026, 1, 1, 2025)]
    [InlineData(2026, 12, 31, 2026)]
    public void TheInterestYearRunsFromTheFirstOfJulyToTheThirtiethOfJune(int y, int m, int d, int startYear) =>
        Assert.Equal(new DateOnly(startYear, 7, 1), DepositInterest.PeriodStart(new DateOnly(y, m, d)));

    [Fact]
    public void AFlatBalanceForOneDayEarnsOneDayOfTheDailyRate()
    {
        // 36,000.00 × 1 day × 1.5% / 360 = 1.50
        Assert.Equal(1.50m, DepositInterest.Accrued([In(2025, 1, 1, 36000m)], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void TheDayMoneyArrivesCountsAndTheDayItLeavesDoesNot()
    {
        // 36,000 arrives on 3 March, leaves on 5 March: two days, 3.00.
        LedgerEntry[] entries = [In(2026, 3, 3, 36000m), In(2026, 3, 5, -36000m, BusinessType.PartialWithdrawal)];
        Assert.Equal(3.00m, DepositInterest.Accrued(entries, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)));
        Assert.Equal(1.50m, DepositInterest.Accrued(entries, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 4)));
        Assert.Equal(0m, DepositInterest.Accrued(entries, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 3)));
    }

    [Fact]
    public void AFullYearOfAFlatSealedBalanceEarns365DaysOfThe360DayRate()
    {
        // 2025-07-01 … 2026-06-30 is 365 days: 10,000 × 365 × 0.015 / 360 = 152.083… → 152.08
        var due = DepositInterest.YearEndsDue([In(2025, 6, 10, 10000m)], new DateOnly(2026, 7, 1));
        Assert.Equal(2, due.Count);
        // The year of the deposit itself: 10 June to 30 June is 21 days, 8.75.
        Assert.Equal(new Posting(new DateOnly(2025, 6, 30), BusinessType.YearEndInterest, 8.75m, "2025年度结息"), due[0]);
        // The next year earns on the 8.75 too: 10,008.75 × 365 × 0.015 / 360 = 152.2164… → 152.22
        Assert.Equal(new Posting(new DateOnly(2026, 6, 30), BusinessType.YearEndInterest, 152.22m, "2026年度结息"), due[1]);
    }

    [Fact]
    public void TheYearEndIsDueOnlyFromTheFirstOfJuly()
    {
        LedgerEntry[] entries = [In(2025, 6, 10, 10000m, BusinessType.Remittance), In(2025, 6, 30, 8.75m, BusinessType.YearEndInterest)];
        Assert.Empty(DepositInterest.YearEndsDue(entries, new DateOnly(2026, 6, 30)));
        Assert.Single(DepositInterest.YearEndsDue(entries, new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void AYearAlreadyCarryingItsYearEndInterestIsNotPaidTwice()
    {
        LedgerEntry[] entries = [In(2024, 1, 10, 5000m), In(2024, 6, 30, 75m, BusinessType.YearEndInterest), In(2025, 6, 30, 76.13m, BusinessType.YearEndInterest)];
        var due = DepositInterest.YearEndsDue(entries, new DateOnly(2026, 7, 1));
        Assert.Equal([new DateOnly(2026, 6, 30)], due.Select(d => d.Date));
    }

    [Fact]
    public void ClosingPaysTheCurrentYearsInterestToTheDayBeforeAsItsOwnEntry()
    {
        LedgerEntry[] entries = [In(2025, 1, 10, 36000m), In(2025, 6, 30, 100m, BusinessType.YearEndInterest)];
        // 1 July to 10 July (withdrawal day not counted): 10 days × 36,100 × 0.015 / 360 = 15.0416… → 15.04
        var due = DepositInterest.DueAtClosing(entries, new DateOnly(2025, 7, 11));
        Assert.Equal([new Posting(new DateOnly(2025, 7, 11), BusinessType.ClosingInterest, 15.04m, "销户结息")], due);
    }

    [Fact]
    public void ClosingOnTheFirstOfJulyAccruesNothingNewButCatchesUpAMissingYearEnd()
    {
        LedgerEntry[] entries = [In(2025, 6, 10, 10000m)];
        var due = DepositInterest.DueAtClosing(entries, new DateOnly(2025, 7, 1));
        Assert.Equal([(new DateOnly(2025, 6, 30), BusinessType.YearEndInterest, 8.75m)], due.Select(d => (d.Date, d.Type, d.Amount)));
    }

    [Fact]
    public void AnEmptyOrZeroAccountEarnsNothing()
    {
        Assert.Empty(DepositInterest.DueAtClosing([], new DateOnly(2026, 3, 1)));
        Assert.Empty(DepositInterest.DueAtClosing([In(2025, 1, 1, 100m), In(2025, 1, 1, -100m)], new DateOnly(2026, 3, 1)));
    }
}
