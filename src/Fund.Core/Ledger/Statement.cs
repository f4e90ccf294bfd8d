namespace Fund.Core.Ledger;

/// <summary>A year of 明细账 with the totals a citizen checks it by.</summary>
public sealed record Statement(int Year, decimal OpeningBalance, IReadOnlyList<LedgerEntry> Entries)
{
    public decimal TotalIn => Entries.Where(e => e.Amount > 0).Sum(e => e.Amount);
    public decimal TotalOut => -Entries.Where(e => e.Amount < 0).Sum(e => e.Amount);
    public decimal ClosingBalance => Entries.Count == 0 ? OpeningBalance : Entries[^1].BalanceAfter;

    /// <summary>
    /// True when every entry's balance follows from the one before: what the ledger must always satisfy,
    /// and what a statement that mixed two accounts or lost a line would break.
    /// </summary>
    public bool IsConsistent()
    {
        var running = OpeningBalance;
        foreach (var e in Entries)
        {
            running += e.Amount;
            if (running != e.BalanceAfter) return false;
        }
        return true;
    }

    public static Statement FromEntries(int year, IReadOnlyList<LedgerEntry> entries) =>
        new(year, entries.Count == 0 ? 0m : entries[0].BalanceAfter - entries[0].Amount, entries);
}
