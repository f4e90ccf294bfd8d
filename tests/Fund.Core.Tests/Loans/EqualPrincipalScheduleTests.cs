using Fund.Core.Loans;

namespace Fund.Core.Tests.Loans;

/// <summary>
/// Every month of a 等额本金 schedule as banks' and the centre's calculators show it: each figure is its own exact
/// value rounded to the fen (half away from zero), never a running total's difference nor a remainder piled on a month.
/// The exact values are written here independently of <see cref="LoanCalculator"/>, each as one fraction of the terms:
///   month k of n, amount P, annual rate y:  principal = P / n
///                                           interest  = P · (n − k + 1) · y / (12 · n)   (on the balance before month k)
///                                           payment   = principal + interest, rounded once
///                                           balance   = P · (n − k) / n
/// and the totals are interest P · y · (n + 1) / 24 and repayment P plus that.
/// </summary>
public class EqualPrincipalScheduleTests
{
    private static decimal Fen(decimal exact) => decimal.Round(exact * 100m, 0, MidpointRounding.AwayFromZero) / 100m;

    public static TheoryData<decimal, int, decimal> Loans => new()
    {
        { 1_000_000m, 360, 0.031m },    // the 30-year loan of the issue
        { 1_000_000m, 360, 0.02575m },
        { 500_000m, 240, 0.026m },
        { 123_456.78m, 157, 0.02525m },
        { 300_000m, 60, 0.021m },       // short loans
        { 300_000m, 7, 0.0285m },
        { 80_000m, 12, 0.0325m },
        { 1_000m, 3, 0m },
        { 10_000m, 1, 0.036m },
    };

    [Theory]
    [MemberData(nameof(Loans))]
    public void EveryMonthIsItsExactFigureRoundedToTheFen(decimal amount, int months, decimal annualRate)
    {
        var plan = LoanCalculator.Calculate(new LoanTerms(amount, months, annualRate, RepaymentMethod.EqualPrincipal));

        Assert.Equal(months, plan.Schedule.Count);
        for (var k = 1; k <= months; k++)
        {
            var principal = amount / months;
            var interest = amount * (months - k + 1) * annualRate / (12 * months);
            var expected = new Instalment(k, Fen(principal + interest), Fen(principal), Fen(interest), Fen(amount * (months - k) / months));
            Assert.True(expected == plan.Schedule[k - 1], $"month {k} of {months}: expected {expected}, shown {plan.Schedule[k - 1]}");
        }
        Assert.Equal(Fen(amount * annualRate * (months + 1) / 24), plan.TotalInterest);
        Assert.Equal(amount + plan.TotalInterest, plan.TotalRepayment);
        Assert.Equal(0m, plan.Schedule[^1].Balance);
    }

    [Fact]
    public void TheLastMonthOfAThirtyYearMillionAtThreePointOnePercentIsTheCalculatorsFigure()
    {
        var last = LoanCalculator.Calculate(new LoanTerms(1_000_000m, 360, 0.031m, RepaymentMethod.EqualPrincipal)).Schedule[^1];
        // 2777.7778 principal + 7.1759 interest = 2784.9537
        Assert.Equal(new Instalment(360, 2784.95m, 2777.78m, 7.18m, 0m), last);
    }
}
