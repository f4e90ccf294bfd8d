namespace Fund.Core.Employers;

/// <summary>How monthly amounts are rounded: to the fen, the jiao or the yuan, always half away from zero.</summary>
public enum AmountRounding { Fen, Jiao, Yuan }

/// <summary>A month's deposit for one employee: the personal and the employer side.</summary>
public readonly record struct MonthlyContribution(decimal Personal, decimal Employer)
{
    public decimal Total => Personal + Employer;
}

/// <summary>
/// The city's rules for 缴存基数 and rates: the base lies between the published lower and upper limits, each rate
/// between 5% and 12% (national rule), and each side of the monthly amount is rounded as the centre publishes.
/// The limits and the rounding are configuration; they change every year.
/// </summary>
public sealed record ContributionBaseRules(decimal MinBase, decimal MaxBase, AmountRounding Rounding)
{
    public const decimal MinRate = 0.05m;
    public const decimal MaxRate = 0.12m;

    public decimal Round(decimal amount) => Rounding switch
    {
        AmountRounding.Jiao => Math.Round(amount, 1, MidpointRounding.AwayFromZero),
        AmountRounding.Yuan => Math.Round(amount, 0, MidpointRounding.AwayFromZero),
        _ => Math.Round(amount, 2, MidpointRounding.AwayFromZero),
    };

    public MonthlyContribution Monthly(decimal contributionBase, decimal personalRate, decimal employerRate) =>
        new(Round(contributionBase * personalRate), Round(contributionBase * employerRate));

    /// <summary>Explains in Chinese why a base is refused, or null.</summary>
    public string? BaseProblem(decimal? contributionBase)
    {
        if (contributionBase is not { } b) return "请填写缴存基数";
        if (b <= 0) return "缴存基数应大于0";
        if (decimal.Round(b, 2) != b) return "缴存基数最多保留两位小数";
        if (b < MinBase) return $"缴存基数不得低于本市下限{MinBase:0.00}元";
        if (b > MaxBase) return $"缴存基数不得高于本市上限{MaxBase:0.00}元";
        return null;
    }

    public static string? RateProblem(decimal rate) =>
        rate is < MinRate or > MaxRate ? $"缴存比例应在{MinRate:P0}至{MaxRate:P0}之间" : null;
}
