namespace Fund.Core.Withdrawals;

public enum WithdrawalType
{
    EmploymentEnded = 1, // 与单位终止劳动关系
    SettledAbroad = 2,   // 出境定居
    Retirement = 3,      // 离退休
    HousePurchase = 4,   // 购买自住住房: part of the balance, up to the price
    Rent = 5,            // 租赁自住住房: part of the balance, up to the yearly limit
    RepayLoan = 6,       // 偿还购房贷款本息: part of the balance, up to what was repaid in the window
}

public static class WithdrawalTypes
{
    /// <summary>
    /// 销户提取: the whole balance with interest, and the account closes. The others (购房, 租房, 还贷) are 部分提取:
    /// the amount the citizen asks, the account stays open.
    /// </summary>
    public static bool IsClosing(this WithdrawalType type) =>
        type is WithdrawalType.EmploymentEnded or WithdrawalType.SettledAbroad or WithdrawalType.Retirement;
}

public enum WithdrawalStatus
{
    Submitted = 1, // 已提交
    Approved = 2,  // 已审核
    Rejected = 3,  // 已退回
    Paid = 4,      // 已到账
    Cancelled = 5, // 已撤销: withdrawn by the citizen before review
}

public static class WithdrawalStatuses
{
    /// <summary>The counter still has something to do (审核, then 转账), as stored.</summary>
    public static readonly int[] Open = [(int)WithdrawalStatus.Submitted, (int)WithdrawalStatus.Approved];

    /// <summary>Nothing more happens (退回, 到账, 撤销), as stored.</summary>
    public static readonly int[] Finished = [(int)WithdrawalStatus.Rejected, (int)WithdrawalStatus.Paid, (int)WithdrawalStatus.Cancelled];
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
