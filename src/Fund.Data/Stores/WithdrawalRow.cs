using Fund.Core.Withdrawals;

namespace Fund.Data.Stores;

/// <summary>
/// A row of the <c>withdrawal</c> table as every read maps it (a read selects the columns it needs; the rest stay
/// default), with the two shapes Core knows it in.
/// </summary>
internal sealed class WithdrawalRow
{
    public long Id { get; init; }
    public string Grzh { get; init; } = "";
    public int Type { get; init; }
    public decimal Amount { get; init; }
    public int Status { get; init; }
    public DateTime SubmittedAt { get; init; }
    public DateTime? DecidedAt { get; init; }
    public string? Reason { get; init; }
    public long? MaterialId { get; init; }
    public string? BankName { get; init; }
    public string? CardLast4 { get; init; }
    public string? DecidedBy { get; init; }
    public DateTime? PaidAt { get; init; }
    /// <summary>The holder's name, from personal_account (the counter's views).</summary>
    public string HolderName { get; init; } = "";
    /// <summary>The facts of the material it was made with, from withdrawal_material (the once-a-year rules).</summary>
    public string? Facts { get; init; }

    public Withdrawal ToWithdrawal() => new(Id, Grzh, (WithdrawalType)Type, Amount, (WithdrawalStatus)Status,
        StoredTime.Utc(SubmittedAt), StoredTime.Utc(DecidedAt), Reason);

    public WithdrawalApplication ToApplication() =>
        new(ToWithdrawal(), HolderName, MaterialId, BankName, CardLast4, DecidedBy, StoredTime.Utc(PaidAt));

    public LockedApplication ToLocked() => new(Id, (WithdrawalType)Type, (WithdrawalStatus)Status, Amount, CardLast4);
}
