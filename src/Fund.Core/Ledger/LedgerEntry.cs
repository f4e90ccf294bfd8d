namespace Fund.Core.Ledger;

/// <summary>One line of 明细账. Amount is signed: money into the account is positive.</summary>
public sealed record LedgerEntry(
    DateOnly Date,
    BusinessType Type,
    decimal Amount,
    decimal BalanceAfter,
    string Memo)
{
    public bool IsCredit => Amount >= 0;
}
