namespace Fund.Core.Loans;

/// <summary>
/// The loan calculator (贷款计算器). Conventions, stated on the page as well: monthly rate = annual rate ÷ 12; every
/// amount is rounded half away from zero to the fen; the balance ends at exactly 0.00 and the schedule's columns add
/// up to the totals.
/// </summary>
/// <remarks>
/// 等额本息 is a payment fixed in fen, so its schedule is kept in fen month by month and the last month settles the
/// rest (what a lender's ledger does). 等额本金 is computed unrounded — principal P/n, interest on the exact balance,
/// total interest P·r·(n+1)/2 as in the textbook and published calculators — and rounded only for display: each month
/// shows the difference of the rounded running totals, so every figure is within a fen of its exact value and the
/// months add up to the rounded exact totals.
/// </remarks>
public static class LoanCalculator
{
    public const int MaxMonths = 360;
    public const decimal MaxAmount = 100_000_000m;
    public const decimal MaxAnnualRate = 0.24m;

    public static RepaymentPlan Calculate(LoanTerms terms)
    {
        Validate(terms);
        var schedule = terms.Method == RepaymentMethod.EqualPrincipal
            ? EqualPrincipalSchedule(terms)
            : EqualInstalmentSchedule(terms);
        return new RepaymentPlan(terms, schedule);
    }

    /// <summary>等额本息's fixed payment P·r·(1+r)^n / ((1+r)^n − 1), or P/n when the rate is zero.</summary>
    public static decimal EqualInstalmentPayment(decimal amount, int months, decimal monthlyRate)
    {
        if (monthlyRate == 0) return RoundToFen(amount / months);
        // Repeated multiplication keeps the factor in decimal; Math.Pow would pass through double and lose the fen.
        var factor = 1m;
        for (var i = 0; i < months; i++) factor *= 1 + monthlyRate;
        return RoundToFen(amount * monthlyRate * factor / (factor - 1));
    }

    public static decimal RoundToFen(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static List<Instalment> EqualInstalmentSchedule(LoanTerms terms)
    {
        var payment = EqualInstalmentPayment(terms.Amount, terms.Months, terms.MonthlyRate);
        return Schedule(terms, (_, interest) => payment - interest);
    }

    private static List<Instalment> EqualPrincipalSchedule(LoanTerms terms)
    {
        var schedule = new List<Instalment>(terms.Months);
        var exactPrincipal = terms.Amount / terms.Months;
        decimal exactRepaid = 0m, exactInterestSoFar = 0m, shownRepaid = 0m, shownInterestSoFar = 0m;
        for (var month = 1; month <= terms.Months; month++)
        {
            exactInterestSoFar += (terms.Amount - exactRepaid) * terms.MonthlyRate;
            // The last month repays exactly what is left, so no division remainder survives.
            exactRepaid = month == terms.Months ? terms.Amount : exactRepaid + exactPrincipal;
            var principal = RoundToFen(exactRepaid) - shownRepaid;
            var interest = RoundToFen(exactInterestSoFar) - shownInterestSoFar;
            shownRepaid += principal;
            shownInterestSoFar += interest;
            schedule.Add(new Instalment(month, principal + interest, principal, interest, terms.Amount - shownRepaid));
        }
        return schedule;
    }

    private static List<Instalment> Schedule(LoanTerms terms, Func<decimal, decimal, decimal> principalFor)
    {
        var schedule = new List<Instalment>(terms.Months);
        var balance = terms.Amount;
        for (var month = 1; month <= terms.Months; month++)
        {
            var interest = RoundToFen(balance * terms.MonthlyRate);
            // Never repay more than is owed before the last month; the last month settles the remainder exactly.
            var principal = month == terms.Months ? balance : Math.Min(principalFor(balance, interest), balance);
            balance -= principal;
            schedule.Add(new Instalment(month, principal + interest, principal, interest, balance));
        }
        return schedule;
    }

    // No paramName: ArgumentException would append "(Parameter …)" to the Chinese message the page shows.
    private static void Validate(LoanTerms terms)
    {
        if (terms.Amount <= 0) throw new ArgumentException("贷款金额须大于0元。");
        if (terms.Amount > MaxAmount) throw new ArgumentException("贷款金额不能超过1亿元。");
        if (terms.Amount != RoundToFen(terms.Amount)) throw new ArgumentException("贷款金额最多精确到分（两位小数）。");
        if (terms.Months is < 1 or > MaxMonths) throw new ArgumentException("贷款期限须在1至360个月（30年）之间。");
        if (terms.AnnualRate < 0) throw new ArgumentException("年利率不能为负数。");
        if (terms.AnnualRate > MaxAnnualRate) throw new ArgumentException("年利率不能超过24%。");
        if (!Enum.IsDefined(terms.Method)) throw new ArgumentException("请选择还款方式：等额本息或等额本金。");
    }
}
