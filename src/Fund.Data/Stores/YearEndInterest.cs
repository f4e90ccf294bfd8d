using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Ledger;

namespace Fund.Data.Stores;

/// <summary>
/// Posts 年终结息 (the rules are <see cref="DepositInterest"/>'s) to every account that still holds money: contributing,
/// sealed or frozen. One transaction per account under its lock, with an audit line; a year already posted is never
/// posted again, so a run can be repeated or resumed.
/// </summary>
public sealed class YearEndInterest(FundDatabase db, AccountVersions versions)
{
    public const string Actor = "system:interest";

    public async Task<(int Accounts, decimal Total)> PostAllAsync(DateOnly asOf, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var accounts = (await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT grzh FROM personal_account WHERE status <> @closed ORDER BY grzh",
            new { closed = AccountStatus.Closed.Code() }, cancellationToken: ct))).ToList();
        var (posted, total) = (0, 0m);
        foreach (var grzh in accounts)
        {
            var amount = await PostAsync(grzh, asOf, ct);
            if (amount == 0m) continue;
            posted++;
            total += amount;
        }
        return (posted, total);
    }

    /// <summary>The year-end interest missing on one account up to <paramref name="asOf"/>; returns what was posted.</summary>
    public async Task<decimal> PostAsync(string grzh, DateOnly asOf, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var status = await conn.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT status FROM personal_account WHERE grzh = @grzh FOR UPDATE", new { grzh }, tx, cancellationToken: ct));
        if (AccountStatusCodes.FromCode(status) == AccountStatus.Closed) return 0m;
        var due = DepositInterest.YearEndsDue(await MySqlLedgerStore.AllAsync(conn, tx, grzh, ct), asOf);
        if (due.Count == 0) return 0m;
        await LedgerLines.PostAsync(conn, tx, grzh, due, ct);
        var total = due.Sum(p => p.Amount);
        await AuditTrail.WriteAsync(conn, tx, Actor, "interest.year-end", "account:" + grzh,
            string.Join(" ", due.Select(p => $"{p.Date:yyyy-MM-dd}={p.Amount:0.00}")), ct);
        await tx.CommitAsync(ct);
        await versions.PublishAsync(grzh, ct);
        return total;
    }
}
