namespace Fund.Core.Ledger;

public interface ILedgerStore
{
    /// <summary>Entries of one calendar year in posting order.</summary>
    Task<IReadOnlyList<LedgerEntry>> GetYearAsync(string grzh, int year, CancellationToken ct);

    /// <summary>Years that have at least one entry, newest first.</summary>
    Task<IReadOnlyList<int>> GetYearsAsync(string grzh, CancellationToken ct);

    /// <summary>
    /// The entries dated from <paramref name="from"/> to <paramref name="to"/> (both included) in posting order, with
    /// the balance before the first of them (the last earlier entry's, or 0).
    /// </summary>
    Task<PeriodLedger> GetPeriodAsync(string grzh, DateOnly from, DateOnly to, CancellationToken ct);
}
