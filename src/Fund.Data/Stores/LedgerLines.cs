using System.Text;
using Dapper;
using Fund.Core.Ledger;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>
/// The one way 明细账 lines are written: a plan's entries (<see cref="LedgerPlan"/> gives each its place and balance)
/// inserted as they are, many rows to a statement, inside the caller's transaction.
/// </summary>
internal static class LedgerLines
{
    private const int RowsPerStatement = 1000;

    /// <summary>
    /// Posts after the account's last line and moves its balance: locks the account row (so concurrent postings queue
    /// instead of interleaving running balances), reads its balance and last line, plans, writes.
    /// </summary>
    public static async Task<decimal> PostAsync(MySqlConnection conn, MySqlTransaction tx, string grzh, IReadOnlyList<Posting> postings,
        CancellationToken ct)
    {
        var balance = await conn.QuerySingleAsync<decimal>(new CommandDefinition(
            "SELECT balance FROM personal_account WHERE grzh = @grzh FOR UPDATE", new { grzh }, tx, cancellationToken: ct));
        var lastSeq = await conn.QuerySingleAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(seq), 0) FROM ledger_entry WHERE grzh = @grzh", new { grzh }, tx, cancellationToken: ct));
        var entries = LedgerPlan.After(grzh, lastSeq, balance, postings);
        await InsertAsync(conn, tx, entries, ct);
        if (entries.Count > 0) balance = entries[^1].BalanceAfter;
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE personal_account SET balance = @balance WHERE grzh = @grzh", new { grzh, balance }, tx, cancellationToken: ct));
        return balance;
    }

    /// <summary>Writes the entries as planned; the account rows' balances are the caller's to set in the same transaction.</summary>
    public static async Task InsertAsync(MySqlConnection conn, MySqlTransaction tx, IReadOnlyList<PlannedEntry> entries, CancellationToken ct)
    {
        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO ledger_entry (grzh, entry_date, seq, business_type, amount, balance_after, memo) VALUES ");
            var p = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                if (i > 0) sql.Append(',');
                sql.Append($"(@g{i}, @d{i}, @s{i}, @t{i}, @a{i}, @b{i}, @m{i})");
                p.Add("g" + i, e.Grzh);
                p.Add("d" + i, e.Posting.Date.ToDateTime(TimeOnly.MinValue));
                p.Add("s" + i, e.Seq);
                p.Add("t" + i, e.Posting.Type.Code());
                p.Add("a" + i, e.Posting.Amount);
                p.Add("b" + i, e.BalanceAfter);
                p.Add("m" + i, e.Posting.Memo);
            }
            await conn.ExecuteAsync(new CommandDefinition(sql.ToString(), p, tx, cancellationToken: ct));
        }
    }
}
