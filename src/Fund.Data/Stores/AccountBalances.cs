using System.Text;
using Dapper;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>Sets many accounts' balances (and 缴至年月) to what a plan says, set-based, inside the caller's transaction.</summary>
internal static class AccountBalances
{
    private const int RowsPerStatement = 1000;

    /// <summary>
    /// Each account's new balance goes into a session-private table first, so one UPDATE … JOIN sets them all: as fast
    /// as the old "balance = balance + monthly" and yet exactly the plan's figures.
    /// </summary>
    public static async Task SetAsync(MySqlConnection conn, MySqlTransaction tx, IReadOnlyList<(string Grzh, decimal Balance)> balances,
        DateTime paidUpTo, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("""
            DROP TEMPORARY TABLE IF EXISTS planned_balance;
            CREATE TEMPORARY TABLE planned_balance (grzh CHAR(12) NOT NULL PRIMARY KEY, balance DECIMAL(18,2) NOT NULL) ENGINE=MEMORY
            """, transaction: tx, cancellationToken: ct));
        foreach (var chunk in balances.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO planned_balance (grzh, balance) VALUES ");
            var p = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0) sql.Append(',');
                sql.Append($"(@g{i}, @b{i})");
                p.Add("g" + i, chunk[i].Grzh);
                p.Add("b" + i, chunk[i].Balance);
            }
            await conn.ExecuteAsync(new CommandDefinition(sql.ToString(), p, tx, cancellationToken: ct));
        }
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE personal_account a JOIN planned_balance b ON b.grzh = a.grzh
               SET a.balance = b.balance, a.paid_up_to = @paidUpTo;
            DROP TEMPORARY TABLE planned_balance
            """, new { paidUpTo }, tx, cancellationToken: ct));
    }
}
