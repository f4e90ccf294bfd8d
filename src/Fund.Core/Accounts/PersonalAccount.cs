namespace Fund.Core.Accounts;

/// <summary>个人账户. IdNumber and Phone are in clear here; storage encrypts them.</summary>
public sealed record PersonalAccount
{
    public required string Grzh { get; init; }
    public required string Name { get; init; }
    public required string IdNumber { get; init; }
    public required string Phone { get; init; }
    public required string Dwzh { get; init; }
    public string EmployerName { get; init; } = "";
    public required AccountStatus Status { get; init; }
    /// <summary>缴存基数: the monthly wage contributions are computed from.</summary>
    public required decimal ContributionBase { get; init; }
    public required decimal PersonalRate { get; init; }
    public required decimal EmployerRate { get; init; }
    public required decimal PersonalMonthly { get; init; }
    public required decimal EmployerMonthly { get; init; }
    public required decimal Balance { get; init; }
    /// <summary>缴至年月: the last month paid, first day of that month.</summary>
    public DateOnly? PaidUpTo { get; init; }
    public DateOnly OpenedOn { get; init; }
    /// <summary>封存日期: set while the account is sealed.</summary>
    public DateOnly? SealedOn { get; init; }

    /// <summary>月缴存额: both sides together.</summary>
    public decimal MonthlyDeposit => PersonalMonthly + EmployerMonthly;

    public string PaidUpToText => PaidUpTo is { } d ? $"{d.Year}年{d.Month:00}月" : "—";
}
