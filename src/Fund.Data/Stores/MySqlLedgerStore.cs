using Dapper;
using Fund.Core.Ledger;
using MySqlConnector;

namespace Fund.Data.Stores;

public sealed class MySqlLedgerStore(FundDatabase db, AccountVersions versions) : ILedgerStore
{
    private const string SelectYear = """
        SELECT entry_date AS EntryDate, business_type AS BusinessType, amount, balance_after AS BalanceAfter, memo
          FROM ledger_entry
         WHERE grzh = @grzh AND entry_date >= @from AND entry_date < @to
         ORDER BY seq
        """;

    /// <summary>The years of the account bound to @openId (the statement page's one round trip).</summary>
    internal const string SelectBoundYears = """
        SELECT DISTINCT YEAR(l.entry_date)
          FROM wechat_binding b JOIN ledger_entry l ON l.grzh = b.grzh
         WHERE b.openid = @openId
         ORDER BY 1 DESC
        """;

    /// <summary>The entries from @from to @to of the account bound to @openId, in posting order.</summary>
    internal const string SelectBoundYear = """
        SELECT l.entry_date AS EntryDate, l.business_type AS BusinessType, l.amount, l.balance_after AS BalanceAfter, l.memo
          FROM wechat_binding b JOIN ledger_entry l ON l.grzh = b.grzh
         WHERE b.openid = @openId AND l.entry_date >= @from AND l.entry_date < @to
         ORDER BY l.seq
        """;

    private const string SelectYears = """
        SELECT DISTINCT YEAR(entry_date)
          FROM ledger_entry
         WHERE grzh = @grzh
         ORDER BY 1 DESC
        """;

    public async Task<IReadOnlyList<LedgerEntry>> GetYearAsync(string grzh, int year, CancellationToken ct)
    {
        var rows = await db.ReadAsync(conn => conn.QueryAsync<EntryRow>(new CommandDefinition(SelectYear, YearParameters(grzh, year), cancellationToken: ct)), ct);
        return ToEntries(rows);
    }

    public async Task<IReadOnlyList<int>> GetYearsAsync(string grzh, CancellationToken ct)
    {
        var years = await db.ReadAsync(conn => conn.QueryAsync<int>(new CommandDefinition(SelectYears, new { grzh }, cancellationToken: ct)), ct);
        return years.ToList();
    }

    private const string SelectPeriod = """
        SELECT COALESCE((SELECT balance_after FROM ledger_entry
                          WHERE grzh = @grzh AND entry_date < @from ORDER BY seq DESC LIMIT 1), 0);
        SELECT entry_date AS EntryDate, business_type AS BusinessType, amount, balance_after AS BalanceAfter, memo
          FROM ledger_entry
         WHERE grzh = @grzh AND entry_date >= @from AND entry_date <= @to
         ORDER BY seq
        """;

    public async Task<PeriodLedger> GetPeriodAsync(string grzh, DateOnly from, DateOnly to, CancellationToken ct)
    {
        return await db.ReadAsync(async conn =>
        {
            await using var results = await conn.QueryMultipleAsync(new CommandDefinition(SelectPeriod,
                new { grzh, from = from.ToDateTime(TimeOnly.MinValue), to = to.ToDateTime(TimeOnly.MinValue) }, cancellationToken: ct));
            var opening = await results.ReadSingleAsync<decimal>();
            return new PeriodLedger(from, to, opening, ToEntries(await results.ReadAsync<EntryRow>()));
        }, ct);
    }

    private static object YearParameters(string grzh, int year) =>
        new { grzh, from = new DateTime(year, 1, 1), to = new DateTime(year + 1, 1, 1) };

    internal static List<LedgerEntry> ToEntries(IEnumerable<EntryRow> rows) =>
        rows.Select(r => new LedgerEntry(DateOnly.FromDateTime(r.EntryDate), BusinessTypeCodes.FromCode(r.BusinessType),
            r.Amount, r.BalanceAfter, r.Memo)).ToList();

    /// <summary>
    /// Posts entries after the account's last one and moves its balance, in one transaction with the account row
    /// locked, so concurrent postings cannot interleave their running balances.
    /// </summary>
    public async Task<decimal> PostAsync(string grzh, IReadOnlyList<(DateOnly Date, BusinessType Type, decimal Amount, string Memo)> postings, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var balance = await PostAsync(conn, tx, grzh, postings, ct);
        await tx.CommitAsync(ct);
        await versions.PublishAsync(grzh, ct);
        return balance;
    }

    /// <summary>The same inside a caller's transaction, for decisions that must post and change other rows atomically.</summary>
    internal static Task<decimal> PostAsync(MySqlConnection conn, MySqlTransaction tx, string grzh,
        IReadOnlyList<(DateOnly Date, BusinessType Type, decimal Amount, string Memo)> postings, CancellationToken ct) =>
        LedgerLines.PostAsync(conn, tx, grzh, postings.Select(p => new Posting(p.Date, p.Type, p.Amount, p.Memo)).ToList(), ct);

    /// <summary>The account's whole ledger in posting order, inside a caller's transaction that holds the account lock.</summary>
    internal static async Task<IReadOnlyList<LedgerEntry>> AllAsync(MySqlConnection conn, MySqlTransaction tx, string grzh, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<EntryRow>(new CommandDefinition("""
            SELECT entry_date AS EntryDate, business_type AS BusinessType, amount, balance_after AS BalanceAfter, memo
              FROM ledger_entry
             WHERE grzh = @grzh
             ORDER BY seq
            """, new { grzh }, tx, cancellationToken: ct));
        return rows.Select(r => new LedgerEntry(DateOnly.FromDateTime(r.EntryDate), BusinessTypeCodes.FromCode(r.BusinessType),
            r.Amount, r.BalanceAfter, r.Memo)).ToList();
    }

    internal sealed class EntryRow
    {
        public DateTime EntryDate { get; init; }
        public string BusinessType { get; init; } = "";
        public decimal Amount { get; init; }
        public decimal BalanceAfter { get; init; }
        public string Memo { get; init; } = "";
    }
}
