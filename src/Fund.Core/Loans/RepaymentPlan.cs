namespace Fund.Core.Loans;

/// <summary>What a citizen asks the loan calculator: amount in yuan, term in months, annual rate as a fraction (0.031 for 3.1%).</summary>
public sealed record LoanTerms(decimal Amount, int Months, decimal AnnualRate, RepaymentMethod Method)
{
    public decimal MonthlyRate => AnnualRate / 12;
}

/// <summary>One month of the schedule; Balance is the principal still owed after this payment.</summary>
public sealed record Instalment(int Month, decimal Payment, decimal Principal, decimal Interest, decimal Balance);

/// <summary>A full repayment schedule and the figures the calculator page shows from it.</summary>
public sealed record RepaymentPlan(LoanTerms Terms, IReadOnlyList<Instalment> Schedule)
{
    public decimal FirstPayment => Schedule[0].Payment;

    /// <summary>等额本息's last month absorbs the rounding of every month before it, so it may differ by a few fen.</summary>
    public decimal LastPayment => Schedule[^1].Payment;

    /// <summary>
    /// 等额本金's monthly decrease: one month's interest on one month's unrounded principal, (P/n)·r. Shown decreases
    /// differ from it by a fen now and then because the months are rounded for display. Zero for 等额本息.
    /// </summary>
    public decimal MonthlyDecrease => Terms.Method == RepaymentMethod.EqualPrincipal
        ? LoanCalculator.RoundToFen(Terms.Amount / Terms.Months * Terms.MonthlyRate)
        : 0m;

    /// <summary>等额本息: the months' interest added up; 等额本金: the exact total rounded once, as calculators publish it.</summary>
    public decimal TotalInterest => Terms.Method == RepaymentMethod.EqualPrincipal
        ? LoanCalculator.EqualPrincipalTotalInterest(Terms)
        : Schedule.Sum(i => i.Interest);

    public decimal TotalRepayment => Terms.Amount + TotalInterest;
}
