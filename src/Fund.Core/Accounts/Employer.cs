namespace Fund.Core.Accounts;

/// <summary>单位: an employer that pays contributions for its staff.</summary>
public sealed record Employer(
    string Dwzh,
    string Name,
    string CreditCode,
    AccountStatus Status,
    decimal EmployerRate,
    decimal PersonalRate);
