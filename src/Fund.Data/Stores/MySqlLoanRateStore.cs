using System.Globalization;
using Dapper;
using Fund.Core.Loans;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>
/// The published rate tables. Supervisors add a table with its effective date; tables in force or past are never
/// changed or removed, so the history shows what every loan was priced at. Each change is audited with it.
/// </summary>
public sealed class MySqlLoanRateStore(FundDatabase db) : ILoanRateStore
{
    public static string Target(DateOnly effectiveFrom) => "loan_rate:" + effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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

    /// <summary>False when a table with that effective date already exists.</summary>
    public async Task<bool> AddVersionAsync(RateTableDraft table, string staff, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            foreach (var r in table.Rates)
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO loan_rate (effective_from, home, term_band, annual_rate, note)
                    VALUES (@effectiveFrom, @home, @band, @AnnualRate, @Note)
                    """, new { effectiveFrom = table.EffectiveFrom.ToDateTime(TimeOnly.MinValue), home = (int)r.Home, band = (int)r.Band, r.AnnualRate, r.Note },
                    tx, cancellationToken: ct));
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            return false;
        }
        var detail = string.Join("; ", table.Rates.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.HomeName}{r.BandName}={r.AnnualRate * 100:0.####}%")));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Staff(staff), "loan_rate.add", Target(table.EffectiveFrom), detail, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Withdraws a table announced in error before it takes effect. False when there is none for that date, or it is
    /// already in force on <paramref name="today"/> (then it is history and stays).
    /// </summary>
    public async Task<bool> WithdrawVersionAsync(DateOnly effectiveFrom, DateOnly today, string staff, CancellationToken ct)
    {
        if (effectiveFrom <= today) return false;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var removed = await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM loan_rate
             WHERE effective_from = @date
            """, new { date = effectiveFrom.ToDateTime(TimeOnly.MinValue) }, tx, cancellationToken: ct));
        if (removed == 0) return false;
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Staff(staff), "loan_rate.withdraw", Target(effectiveFrom), "", ct);
        await tx.CommitAsync(ct);
        return true;
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
