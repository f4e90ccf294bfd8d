namespace Fund.Core.Ledger;

/// <summary>
/// One 明细账 line as a plan posts it: the account, its place after the account's last line (<paramref name="Seq"/>),
/// what it posts and the balance after it. Data writes it as it is.
/// </summary>
public sealed record PlannedEntry(string Grzh, int Seq, Posting Posting, decimal BalanceAfter);

public static class LedgerPlan
{
    /// <summary>
    /// The postings as lines after the account's last one (<paramref name="lastSeq"/>, 0 for none), each carrying the
    /// running balance from <paramref name="balance"/>: the one way a ledger line gets its place and balance.
    /// </summary>
    public static IReadOnlyList<PlannedEntry> After(string grzh, int lastSeq, decimal balance, IEnumerable<Posting> postings)
    {
        var entries = new List<PlannedEntry>();
        foreach (var p in postings)
        {
            balance += p.Amount;
            entries.Add(new PlannedEntry(grzh, ++lastSeq, p, balance));
        }
        return entries;
    }
}
