namespace Fund.Core.Ledger;

public sealed class StatementQuery(ILedgerStore ledger)
{
    public async Task<Statement> GetAsync(string grzh, int year, CancellationToken ct) =>
        Statement.FromEntries(year, await ledger.GetYearAsync(grzh, year, ct));

    public Task<IReadOnlyList<int>> YearsAsync(string grzh, CancellationToken ct) => ledger.GetYearsAsync(grzh, ct);
}
