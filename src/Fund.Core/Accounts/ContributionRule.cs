namespace Fund.Core.Accounts;

/// <summary>How a month's deposit follows from the base and rate: each side rounded half-up to the fen.</summary>
public static class ContributionRule
{
    public static decimal MonthlyAmount(decimal contributionBase, decimal rate) =>
        Math.Round(contributionBase * rate, 2, MidpointRounding.AwayFromZero);
}
