namespace Fund.Core.Ledger;

public sealed class StatementQuery(ILedgerStore ledger)
{
    public async Task<Statement> GetAsync(string grzh, int year, CancellationToken ct) =>
        Statement.FromEntries(year, await ledger.GetYearAsync(grzh, year, ct));

    public Task<IReadOnlyList<int>> YearsAsync(string grzh, CancellationToken ct) => ledger.GetYearsAsync(grzh, ct);

    /// <summary>
    /// What the statement page shows: the years with entries (newest first) and the statement of the year asked for,
    /// or of the newest year when that one has no entries or none was asked; null statement when there are none at all.
    /// </summary>
    public async Task<(IReadOnlyList<int> Years, Statement? Statement)> PageAsync(string grzh, int? year, CancellationToken ct)
    {
        if (year is { } asked)
        {
            // The common case, a year from the page's own picker, costs one round trip.
            var (years, entries) = await ledger.GetYearsAndYearAsync(grzh, asked, ct);
            if (years.Contains(asked)) return (years, Statement.FromEntries(asked, entries));
            return years.Count == 0 ? (years, null) : (years, await GetAsync(grzh, years[0], ct));
        }

        var all = await YearsAsync(grzh, ct);
        return all.Count == 0 ? (all, null) : (all, await GetAsync(grzh, all[0], ct));
    }
}
