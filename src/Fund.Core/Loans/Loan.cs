namespace Fund.Core.Loans;

public enum RepaymentMethod
{
    EqualInstalment = 1, // 等额本息
    EqualPrincipal = 2,  // 等额本金
}

public enum LoanStatus
{
    InProgress = 1, // 审批中: applied, not yet disbursed
    Repaying = 2,   // 还款中
    Settled = 3,    // 已结清
}

public static class LoanStatuses
{
    /// <summary>The statuses of a loan not yet settled (审批中, 还款中), as stored: an account with one may not close.</summary>
    public static readonly int[] Open = [(int)LoanStatus.InProgress, (int)LoanStatus.Repaying];
}

public sealed record Loan
{
    public required string ContractNo { get; init; }
    public required string Grzh { get; init; }
    public required decimal Amount { get; init; }
    public required int TermMonths { get; init; }
    /// <summary>Annual rate as a fraction: 0.0260 for 2.60%.</summary>
    public required decimal AnnualRate { get; init; }
    public required RepaymentMethod Method { get; init; }
    public required LoanStatus Status { get; init; }
    public required decimal OutstandingPrincipal { get; init; }
    public DateOnly? DisbursedOn { get; init; }
    public DateOnly? NextDueDate { get; init; }
    public decimal? NextInstalment { get; init; }
    public string PropertyAddress { get; init; } = "";

    public string MethodName => Method == RepaymentMethod.EqualInstalment ? "等额本息" : "等额本金";

    public string StatusName => Status switch
    {
        LoanStatus.InProgress => "审批中",
        LoanStatus.Repaying => "还款中",
        _ => "已结清",
    };
}

/// <summary>One step of 贷款进度: 受理, 审核, 审批, 签订合同, 抵押登记, 放款 …</summary>
public sealed record LoanProgressStage(string Stage, DateTimeOffset At, string Note);

public interface ILoanStore
{
    Task<IReadOnlyList<Loan>> GetByAccountAsync(string grzh, CancellationToken ct);
    Task<IReadOnlyList<LoanProgressStage>> GetProgressAsync(string contractNo, CancellationToken ct);
}
