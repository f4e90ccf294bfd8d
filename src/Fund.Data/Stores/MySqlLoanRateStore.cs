using Dapper;
using Fund.Core.Loans;

namespace Fund.Data.Stores;

public sealed class MySqlLoanRateStore(FundDatabase db) : ILoanRateStore
{
    public async Task<IReadOnlyList<LoanRate>> GetAllAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            SELECT effective_from AS EffectiveFrom, home, term_band AS TermBand, annual_rate AS AnnualRate, note
              FROM loan_rate
             ORDER BY effective_from DESC, home, term_band
            """, cancellationToken: ct));
        return rows.Select(r => new LoanRate(
            DateOnly.FromDateTime(r.EffectiveFrom), (HomeKind)r.Home, (RateTermBand)r.TermBand, r.AnnualRate, r.Note)).ToList();
    }

    private sealed class Row
    {
        public DateTime EffectiveFrom { get; init; }
        public int Home { get; init; }
        public int TermBand { get; init; }
        public decimal AnnualRate { get; init; }
        public string Note { get; init; } = "";
    }
}
