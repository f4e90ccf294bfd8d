namespace Fund.Core.Employers;

/// <summary>
/// 专管员: the person an employer appoints to its web hall. Signs in with 单位账号 + ID number + password (query only),
/// and transacts with a client certificate bound to this operator. IdNumber is in clear here; storage encrypts it.
/// SecurityStamp changes whenever the operator is disabled, enabled or given a new password: a hall session carries
/// the stamp it was issued with and ends when they differ.
/// </summary>
public sealed record EmployerOperator(long Id, string Dwzh, string Name, string IdNumber, string PasswordHash, bool Active, string SecurityStamp = "");

/// <summary>A certificate the centre's CA issued: its serial belongs to one operator of one employer until revoked.</summary>
public sealed record OperatorCertificate(string Serial, long OperatorId, string Dwzh, DateTimeOffset NotAfter, DateTimeOffset? RevokedAt)
{
    public bool Usable(DateTimeOffset now) => RevokedAt is null && now < NotAfter;
}

/// <summary>单位信息 as the hall shows it, with the employer's 缴至年月 and the year of its last 基数调整.</summary>
public sealed record EmployerStanding(string Dwzh, string Name, string CreditCode, decimal EmployerRate, decimal PersonalRate,
    DateOnly? PaidUpTo, int? BaseAdjustedYear, int Active, int Sealed);

public static class BaseAdjustment
{
    /// <summary>基数调整 is once a year per employer.</summary>
    public static string? Problem(int? lastAdjustedYear, DateOnly today) =>
        lastAdjustedYear == today.Year ? $"本单位{today.Year}年度已办理基数调整，每年只能办理一次" : null;
}
