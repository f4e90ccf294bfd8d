using Dapper;
using Fund.Core.Withdrawals;

namespace Fund.Data.Stores;

public sealed class MySqlWithdrawalStore(FundDatabase db) : IWithdrawalStore
{
    public async Task<IReadOnlyList<Withdrawal>> GetHistoryAsync(string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            SELECT id, grzh, type, amount, status, submitted_at AS SubmittedAt, decided_at AS DecidedAt, reason
              FROM withdrawal
             WHERE grzh = @grzh
             ORDER BY submitted_at DESC, id DESC
            """, new { grzh }, cancellationToken: ct));
        return rows.Select(r => new Withdrawal(r.Id, r.Grzh, (WithdrawalType)r.Type, r.Amount, (WithdrawalStatus)r.Status,
            Utc(r.SubmittedAt), r.DecidedAt is { } d ? Utc(d) : null, r.Reason)).ToList();
    }

    public async Task<long> InsertAsync(Withdrawal w, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO withdrawal (grzh, type, amount, status, submitted_at, decided_at, reason)
            VALUES (@Grzh, @type, @Amount, @status, @submitted, @decided, @Reason);
            SELECT LAST_INSERT_ID();
            """, new
        {
            w.Grzh, type = (int)w.Type, w.Amount, status = (int)w.Status, submitted = w.SubmittedAt.UtcDateTime,
            decided = w.DecidedAt?.UtcDateTime, w.Reason,
        }, cancellationToken: ct));
    }

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));

    private sealed class Row
    {
        public long Id { get; init; }
        public string Grzh { get; init; } = "";
        public int Type { get; init; }
        public decimal Amount { get; init; }
        public int Status { get; init; }
        public DateTime SubmittedAt { get; init; }
        public DateTime? DecidedAt { get; init; }
        public string? Reason { get; init; }
    }
}
