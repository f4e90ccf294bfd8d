namespace Fund.Core.Ledger;

/// <summary>The ledger between two days: the balance before the first, the entries, and the balance after the last.</summary>
public sealed record PeriodLedger(DateOnly From, DateOnly To, decimal OpeningBalance, IReadOnlyList<LedgerEntry> Entries)
{
    public decimal ClosingBalance => Entries.Count == 0 ? OpeningBalance : Entries[^1].BalanceAfter;
}
