namespace Fund.Core.Ledger;

public interface ILedgerStore
{
    /// <summary>Entries of one calendar year in posting order.</summary>
    Task<IReadOnlyList<LedgerEntry>> GetYearAsync(string grzh, int year, CancellationToken ct);

    /// <summary>Years that have at least one entry, newest first.</summary>
    Task<IReadOnlyList<int>> GetYearsAsync(string grzh, CancellationToken ct);
}
