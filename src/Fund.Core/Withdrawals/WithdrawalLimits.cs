namespace Fund.Core.Withdrawals;

/// <summary>
/// Every limit of the partial withdrawals (租房, 购房, 还贷) in one place, with the centre's defaults. The host binds it
/// from <c>Withdrawals:Limits</c> (e.g. <c>Withdrawals__Limits__RentYearlyLimit=15000</c>) and checks it at start-up.
/// </summary>
public sealed class WithdrawalLimits
{
    public const string Section = "Withdrawals:Limits";

    /// <summary>租房提取: at most this much in one application, and one application per <see cref="RentIntervalMonths"/>.</summary>
    public decimal RentYearlyLimit { get; set; } = 12_000m;

    /// <summary>Months between two 租房提取 (and between two 还贷提取): a year.</summary>
    public int RentIntervalMonths { get; set; } = 12;

    /// <summary>租房提取 needs an account that has been paid into for at least this many months (开户月至缴至月).</summary>
    public int RentMinContributionMonths { get; set; } = 3;

    /// <summary>购房提取: the contract or invoice must be dated within this many months before the application.</summary>
    public int PurchaseWindowMonths { get; set; } = 12;

    /// <summary>还贷提取: repayments made within this many months count, and one application per this many months.</summary>
    public int RepayWindowMonths { get; set; } = 12;

    /// <summary>What a partial withdrawal leaves in the account (留存额). 0: the centre keeps nothing back.</summary>
    public decimal RetainedBalance { get; set; }

    /// <summary>Settings that cannot work, for one start-up message; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (RentYearlyLimit <= 0) yield return "Withdrawals:Limits:RentYearlyLimit must be positive.";
        if (RentIntervalMonths is < 1 or > 120) yield return "Withdrawals:Limits:RentIntervalMonths must be 1 to 120.";
        if (RentMinContributionMonths is < 0 or > 120) yield return "Withdrawals:Limits:RentMinContributionMonths must be 0 to 120.";
        if (PurchaseWindowMonths is < 1 or > 120) yield return "Withdrawals:Limits:PurchaseWindowMonths must be 1 to 120.";
        if (RepayWindowMonths is < 1 or > 120) yield return "Withdrawals:Limits:RepayWindowMonths must be 1 to 120.";
        if (RetainedBalance < 0) yield return "Withdrawals:Limits:RetainedBalance must not be negative.";
    }
}
