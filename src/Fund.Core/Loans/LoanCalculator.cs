namespace Fund.Core.Loans;

/// <summary>
/// The loan calculator (贷款计算器). Conventions, stated on the page as well: monthly rate = annual rate ÷ 12; every
/// amount is rounded half away from zero to the fen; the balance ends at exactly 0.00 and the schedule's columns add
/// up to the totals.
/// </summary>
/// <remarks>
/// 等额本息 is a payment fixed in fen, so its schedule is kept in fen month by month and the last month settles the
/// rest (what a lender's ledger does). 等额本金 is shown the way banks' and the centre's calculators show it: every
/// figure of every month is its own exact value rounded to the fen — principal P/n, interest on the exact balance
/// before the month, the payment their exact sum, the balance P·(n−k)/n — and the totals are the textbook's
/// P·r·(n+1)/2 and P plus that. So a month's principal and interest may add up to a fen more or less than its payment,
/// and the principal column to a few fen more or less than the amount, exactly as on those calculators.
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
        var (amount, n) = (terms.Amount, terms.Months);
        var schedule = new List<Instalment>(n);
        for (var month = 1; month <= n; month++)
        {
            // Each figure from the terms in one fraction, so no month inherits another month's rounding.
            var principal = amount / n;
            var interest = amount * (n - month + 1) * terms.AnnualRate / (12 * n);
            schedule.Add(new Instalment(month, RoundToFen(principal + interest), RoundToFen(principal), RoundToFen(interest),
                RoundToFen(amount * (n - month) / n)));
        }
        return schedule;
    }

    /// <summary>等额本金's total interest P·r·(n+1)/2: interest on the balances P, P − P/n, …, P/n, rounded once.</summary>
    public static decimal EqualPrincipalTotalInterest(LoanTerms terms) =>
        RoundToFen(terms.Amount * terms.AnnualRate * (terms.Months + 1) / 24);

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
