namespace Fund.Core.Withdrawals;

public enum WithdrawalType
{
    EmploymentEnded = 1, // 与单位终止劳动关系
    SettledAbroad = 2,   // 出境定居
    Retirement = 3,      // 离退休
    HousePurchase = 4,   // 购房 (history only; not offered online)
    Rent = 5,            // 租房 (history only)
}

public enum WithdrawalStatus
{
    Submitted = 1, // 已提交
    Approved = 2,  // 已审核
    Rejected = 3,  // 已退回
    Paid = 4,      // 已到账
    Cancelled = 5, // 已撤销: withdrawn by the citizen before review
}

public sealed record Withdrawal(
    long Id,
    string Grzh,
    WithdrawalType Type,
    decimal Amount,
    WithdrawalStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt,
    string? Reason)
{
    public string TypeName => Type.TypeName();

    public string StatusName => Status switch
    {
        WithdrawalStatus.Submitted => "已提交",
        WithdrawalStatus.Approved => "已审核",
        WithdrawalStatus.Rejected => "已退回",
        WithdrawalStatus.Cancelled => "已撤销",
        _ => "已到账",
    };
}

public interface IWithdrawalStore
{
    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Withdrawal>> GetHistoryAsync(string grzh, CancellationToken ct);
}
