using Fund.Core.Loans;

namespace Fund.Core.Tests.Loans;

/// <summary>
/// Expected figures were computed independently with Python's decimal module (50 digits, ROUND_HALF_UP, the same
/// month-by-month rounding and last-month settlement), not by this code:
///   r = Decimal(y)/12; f = (1+r)**n; pay = (P*r*f/(f-1)).quantize(Decimal('0.01'), ROUND_HALF_UP)
///   then interest_m = round(balance*r), principal_m = pay - interest_m, last month principal = balance.
/// 等额本金 (see <see cref="LoanCalculator"/>) shows each month's exact figures rounded; every month is checked against
/// an independent computation in <see cref="EqualPrincipalScheduleTests"/>, its total interest is the textbook P·r·(n+1)/2.
/// 1,000,000 over 360 months at 3.1% giving 4,270.16/月 等额本息 also matches the figure commonly published by
/// online mortgage calculators for a 100万, 30年, 3.1% provident fund loan.
/// </summary>
public class LoanCalculatorTests
{
    private static RepaymentPlan Plan(decimal amount, int months, decimal rate, RepaymentMethod method) =>
        LoanCalculator.Calculate(new LoanTerms(amount, months, rate, method));

    [Fact]
    public void EqualInstalmentOfAMillionOverThirtyYearsAtThreePointOnePercent()
    {
        var plan = Plan(1_000_000m, 360, 0.031m, RepaymentMethod.EqualInstalment);
        Assert.Equal(4270.16m, plan.FirstPayment);
        Assert.Equal(4272.59m, plan.LastPayment);
        Assert.Equal(537260.03m, plan.TotalInterest);
        Assert.Equal(1537260.03m, plan.TotalRepayment);
        Assert.Equal(0m, plan.MonthlyDecrease);
    }

    [Fact]
    public void EqualInstalmentFirstMonthSplitsThePaymentIntoInterestOnTheWholeAmountAndPrincipal()
    {
        var first = Plan(1_000_000m, 360, 0.031m, RepaymentMethod.EqualInstalment).Schedule[0];
        Assert.Equal(2583.33m, first.Interest); // 1,000,000 × 0.031 / 12 = 2583.333…
        Assert.Equal(4270.16m - 2583.33m, first.Principal);
        Assert.Equal(1_000_000m - first.Principal, first.Balance);
    }

    [Fact]
    public void EqualInstalmentAtTheCurrentFirstHomeRateForTwentyYears()
    {
        var plan = Plan(500_000m, 240, 0.026m, RepaymentMethod.EqualInstalment);
        Assert.Equal(2673.94m, plan.FirstPayment);
        Assert.Equal(2673.98m, plan.LastPayment);
        Assert.Equal(141745.64m, plan.TotalInterest);
    }

    [Fact]
    public void EqualInstalmentAtTheShortTermRateForFiveYears()
    {
        var plan = Plan(300_000m, 60, 0.021m, RepaymentMethod.EqualInstalment);
        Assert.Equal(5271.46m, plan.FirstPayment);
        Assert.Equal(5271.60m, plan.LastPayment);
        Assert.Equal(16287.74m, plan.TotalInterest);
    }

    [Fact]
    public void EqualPrincipalOfAMillionOverThirtyYearsAtThreePointOnePercent()
    {
        var plan = Plan(1_000_000m, 360, 0.031m, RepaymentMethod.EqualPrincipal);
        Assert.Equal(5361.11m, plan.FirstPayment);   // 2777.78 principal + 2583.33 interest
        Assert.Equal(5353.94m, plan.Schedule[1].Payment);
        Assert.Equal(2784.95m, plan.LastPayment);    // 2777.7778 + 7.1759, rounded once as calculators show it
        Assert.Equal(7.18m, plan.MonthlyDecrease);   // (1,000,000 / 360) × 0.031 / 12 = 7.1759…
        Assert.Equal(466291.67m, plan.TotalInterest);
        Assert.Equal(1466291.67m, plan.TotalRepayment);
    }

    /// <summary>
    /// Total interest of 等额本金 is P·r·(n+1)/2 exactly (interest on balances P, P − P/n, …, P/n); published calculators
    /// round that, and so must the sum of the months we show.
    /// </summary>
    [Theory]
    [InlineData(1_000_000, 360, 0.031)]
    [InlineData(500_000, 240, 0.026)]
    [InlineData(123_456.78, 157, 0.02525)]
    [InlineData(300_000, 7, 0.0285)]
    public void EqualPrincipalTotalInterestIsTheTextbookFormulaRounded(double amount, int months, double rate)
    {
        decimal p = (decimal)amount, r = (decimal)rate / 12;
        var plan = Plan(p, months, (decimal)rate, RepaymentMethod.EqualPrincipal);
        Assert.Equal(LoanCalculator.RoundToFen(p * r * (months + 1) / 2), plan.TotalInterest);
        // The months' rounded interest adds up to the total give or take half a fen a month.
        Assert.InRange(Math.Abs(plan.TotalInterest - plan.Schedule.Sum(i => i.Interest)), 0m, months * 0.005m);
        Assert.All(plan.Schedule, i =>
        {
            var exactPrincipal = p / months;
            var exactInterest = (p - (i.Month - 1) * exactPrincipal) * r;
            Assert.InRange(Math.Abs(i.Principal - exactPrincipal), 0m, 0.01m);
            Assert.InRange(Math.Abs(i.Interest - exactInterest), 0m, 0.01m);
        });
    }

    [Fact]
    public void EqualPrincipalShowsTheSamePrincipalEveryMonthInsteadOfPilingTheRoundingOnTheLastMonth()
    {
        var plan = Plan(500_000m, 240, 0.026m, RepaymentMethod.EqualPrincipal);
        Assert.Equal(3166.67m, plan.FirstPayment);              // 2083.3333 + 1083.3333
        Assert.Equal(2087.85m, plan.LastPayment);
        Assert.Equal(130541.67m, plan.TotalInterest);
        Assert.All(plan.Schedule, i => Assert.Equal(2083.33m, i.Principal));   // 500,000 / 240 = 2083.333…; formerly 2084.13 last
    }

    [Theory]
    [InlineData(RepaymentMethod.EqualInstalment)]
    [InlineData(RepaymentMethod.EqualPrincipal)]
    public void OneMonthRepaysTheAmountWithOneMonthsInterest(RepaymentMethod method)
    {
        var plan = Plan(10_000m, 1, 0.036m, method);
        var only = Assert.Single(plan.Schedule);
        Assert.Equal(new Instalment(1, 10_030m, 10_000m, 30m, 0m), only);
    }

    [Theory]
    [InlineData(RepaymentMethod.EqualInstalment, new[] { 333.33, 333.33, 333.34 })]  // the last month settles
    [InlineData(RepaymentMethod.EqualPrincipal, new[] { 333.33, 333.33, 333.33 })]   // each month 1000/3 rounded; the total stays 1000
    public void ZeroRateRepaysPrincipalOnly(RepaymentMethod method, double[] payments)
    {
        var plan = Plan(1_000m, 3, 0m, method);
        Assert.Equal(payments.Select(p => (decimal)p), plan.Schedule.Select(i => i.Payment));
        Assert.Equal(0m, plan.TotalInterest);
        Assert.Equal(1_000m, plan.TotalRepayment);
    }

    [Theory]
    [InlineData(1_000_000, 360, 0.031, RepaymentMethod.EqualInstalment)]
    [InlineData(123_456.78, 157, 0.02525, RepaymentMethod.EqualInstalment)]
    [InlineData(0.01, 360, 0.24, RepaymentMethod.EqualInstalment)]
    public void ScheduleAddsUpAndEndsAtZero(double amount, int months, double rate, RepaymentMethod method)
    {
        var plan = Plan((decimal)amount, months, (decimal)rate, method);
        Assert.Equal(months, plan.Schedule.Count);
        Assert.Equal(0m, plan.Schedule[^1].Balance);
        Assert.Equal((decimal)amount, plan.Schedule.Sum(i => i.Principal));
        Assert.Equal(plan.TotalRepayment, plan.Schedule.Sum(i => i.Principal + i.Interest));
        Assert.Equal(plan.TotalRepayment, (decimal)amount + plan.TotalInterest);
        Assert.All(plan.Schedule, i => Assert.True(i.Principal >= 0 && i.Interest >= 0 && i.Balance >= 0));
        var previous = (decimal)amount;
        Assert.All(plan.Schedule, i => { Assert.Equal(previous - i.Principal, i.Balance); previous = i.Balance; });
    }

    [Fact]
    public void EqualInstalmentPaymentIsTheSameEveryMonthButTheLast()
    {
        var plan = Plan(1_000_000m, 360, 0.031m, RepaymentMethod.EqualInstalment);
        Assert.All(plan.Schedule.SkipLast(1), i => Assert.Equal(4270.16m, i.Payment));
    }

    [Theory]
    [InlineData(0, 360, 0.031, "贷款金额须大于0元。")]
    [InlineData(-1, 360, 0.031, "贷款金额须大于0元。")]
    [InlineData(1000.001, 360, 0.031, "贷款金额最多精确到分（两位小数）。")]
    [InlineData(100000, 0, 0.031, "贷款期限须在1至360个月（30年）之间。")]
    [InlineData(100000, 361, 0.031, "贷款期限须在1至360个月（30年）之间。")]
    [InlineData(100000, 360, -0.001, "年利率不能为负数。")]
    [InlineData(100000, 360, 0.25, "年利率不能超过24%。")]
    public void InvalidTermsAreRefusedWithAMessageForTheCitizen(double amount, int months, double rate, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => Plan((decimal)amount, months, (decimal)rate, RepaymentMethod.EqualInstalment));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void AnUnknownMethodIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Plan(1000m, 12, 0.03m, (RepaymentMethod)7));
    }
}
