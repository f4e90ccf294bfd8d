using System.Text.Json;
using Dapper;
using Fund.Core.Withdrawals;

namespace Fund.Data.Stores;

public sealed class MySqlWithdrawalStore(FundDatabase db) : IWithdrawalStore
{
    public async Task<IReadOnlyList<Withdrawal>> GetHistoryAsync(string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<WithdrawalRow>(new CommandDefinition("""
            SELECT id, grzh, type, amount, status, submitted_at AS SubmittedAt, decided_at AS DecidedAt, reason
              FROM withdrawal
             WHERE grzh = @grzh
             ORDER BY submitted_at DESC, id DESC
            """, new { grzh }, cancellationToken: ct));
        return rows.Select(r => r.ToWithdrawal()).ToList();
    }

    /// <summary>
    /// The account's withdrawals with the facts of the material each was made with (empty for history from before
    /// online withdrawal), newest first: what the once-a-year and one-per-contract rules look back on.
    /// </summary>
    public async Task<IReadOnlyList<PastWithdrawal>> GetPastAsync(string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<WithdrawalRow>(new CommandDefinition("""
            SELECT w.id, w.grzh, w.type, w.amount, w.status, w.submitted_at AS SubmittedAt, w.decided_at AS DecidedAt, w.reason,
                   m.facts AS Facts
              FROM withdrawal w
              LEFT JOIN withdrawal_material m ON m.id = w.material_id AND m.grzh = w.grzh
             WHERE w.grzh = @grzh
             ORDER BY w.submitted_at DESC, w.id DESC
            """, new { grzh }, cancellationToken: ct));
        return rows.Select(r => new PastWithdrawal(r.ToWithdrawal(),
            r.Facts is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(r.Facts) ?? [])).ToList();
    }

    public async Task<long> InsertAsync(Withdrawal w, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await new NewWithdrawalRow(w.Grzh, w.Type, w.Amount, w.Status)
        {
            SubmittedAtUtc = w.SubmittedAt.UtcDateTime, DecidedAtUtc = w.DecidedAt?.UtcDateTime, Reason = w.Reason,
        }.InsertAsync(conn, null, ct);
    }
}
