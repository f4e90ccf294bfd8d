using Dapper;
using Fund.Core.Withdrawals;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>Submitting online withdrawals and reading them back for the status page and the counter's queue.</summary>
public sealed class MySqlApplicationStore(FundDatabase db)
{
    private const int DuplicateKey = 1062;

    /// <summary>
    /// Submits once per idempotency key and once per open account: the account row is locked so submits of one account
    /// queue up, then the key and the open application are looked for; the two UNIQUE keys are the backstop if
    /// anything slips past. The amount is the balance at submission; approval posts whatever the balance is then.
    /// The material's pending documents become the application's, checked against <paramref name="requiredKinds"/>
    /// under the same lock that uploads and deletes take. A partial withdrawal (租房, 购房, 还贷) asks for
    /// <paramref name="amount"/>, which Core checked against its maximum; here it must still be covered by the balance.
    /// </summary>
    public async Task<(SubmitOutcome Outcome, long Id)> SubmitAsync(string grzh, WithdrawalType type, long materialId,
        string idempotencyKey, IReadOnlyCollection<DocumentKind> requiredKinds, CancellationToken ct, decimal? amount = null)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var balance = await conn.QuerySingleAsync<decimal>(new CommandDefinition(
            "SELECT balance FROM personal_account WHERE grzh = @grzh FOR UPDATE", new { grzh }, tx, cancellationToken: ct));
        if (await FindAsync(conn, tx, grzh, idempotencyKey, ct) is { } found)
            return found;
        if (type.IsClosing() != (amount is null))
            throw new ArgumentException("A closing withdrawal takes the balance; a partial one needs its amount.", nameof(amount));
        if (amount > balance)
        {
            await tx.RollbackAsync(ct);
            return (SubmitOutcome.OverBalance, 0);
        }
        var pending = (await conn.QueryAsync<int>(new CommandDefinition("""
            SELECT DISTINCT kind FROM withdrawal_document WHERE material_id = @materialId AND grzh = @grzh AND withdrawal_id IS NULL
            """, new { materialId, grzh }, tx, cancellationToken: ct))).ToHashSet();
        if (requiredKinds.Any(k => !pending.Contains((int)k)))
        {
            await tx.RollbackAsync(ct);
            return (SubmitOutcome.DocumentsMissing, 0);
        }
        try
        {
            var card = await conn.QuerySingleOrDefaultAsync<(string BankName, byte[] CardEnc, string CardLast4)?>(new CommandDefinition(
                "SELECT bank_name, card_enc, card_last4 FROM bank_card WHERE grzh = @grzh LOCK IN SHARE MODE",
                new { grzh }, tx, cancellationToken: ct))
                ?? throw new InvalidOperationException("No bank card on file for this account.");
            var id = await new NewWithdrawalRow(grzh, type, amount ?? balance, WithdrawalStatus.Submitted)
            {
                MaterialId = materialId, IdempotencyKey = idempotencyKey,
                BankName = card.BankName, CardEnc = card.CardEnc, CardLast4 = card.CardLast4,
            }.InsertAsync(conn, tx, ct);
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE withdrawal_document SET withdrawal_id = @id WHERE material_id = @materialId AND grzh = @grzh AND withdrawal_id IS NULL
                """, new { id, materialId, grzh }, tx, cancellationToken: ct));
            await AuditTrail.WriteAsync(conn, tx, AuditTrail.Citizen(grzh), "withdrawal.submit", AuditTrail.Withdrawal(id),
                $"type={(int)type} material={materialId}" + (amount is { } a ? $" amount={a:0.00}" : ""), ct);
            await tx.CommitAsync(ct);
            return (SubmitOutcome.Created, id);
        }
        catch (MySqlException e) when (e.Number == DuplicateKey)
        {
            await tx.RollbackAsync(ct);
            await using var again = await db.OpenAsync(ct);
            if (await FindAsync(again, null, grzh, idempotencyKey, ct) is { } winner) return winner;
            throw;
        }
    }

    private static async Task<(SubmitOutcome, long)?> FindAsync(MySqlConnection conn, MySqlTransaction? tx, string grzh, string key, CancellationToken ct)
    {
        var same = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM withdrawal WHERE idempotency_key = @key AND grzh = @grzh", new { key, grzh }, tx, cancellationToken: ct));
        if (same is { } s) return (SubmitOutcome.Repeated, s);
        var open = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM withdrawal WHERE open_grzh = @grzh", new { grzh }, tx, cancellationToken: ct));
        return open is { } o ? (SubmitOutcome.AnotherOpen, o) : null;
    }

    /// <summary>The account's open application, if any.</summary>
    public async Task<long?> OpenIdAsync(string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM withdrawal WHERE open_grzh = @grzh", new { grzh }, cancellationToken: ct));
    }

    /// <summary>Ids of the account's withdrawals made online (with a material), for links to their status pages.</summary>
    public async Task<IReadOnlyList<long>> OnlineIdsAsync(string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM withdrawal WHERE grzh = @grzh AND material_id IS NOT NULL", new { grzh }, cancellationToken: ct))).ToList();
    }

    /// <summary>One application; pass the owner's grzh from a citizen page so another's id finds nothing.</summary>
    public async Task<WithdrawalApplication?> GetAsync(long id, string? ownerGrzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<WithdrawalRow>(new CommandDefinition(Select + """
             WHERE w.id = @id AND (@ownerGrzh IS NULL OR w.grzh = @ownerGrzh)
            """, new { id, ownerGrzh }, cancellationToken: ct));
        return row is null ? null : row.ToApplication();
    }

    /// <summary>The counter's queue: open applications oldest first, then the latest finished ones.</summary>
    public async Task<IReadOnlyList<WithdrawalApplication>> QueueAsync(bool open, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<WithdrawalRow>(new CommandDefinition(Select + (open
            ? " WHERE w.status IN @open AND w.material_id IS NOT NULL ORDER BY w.status, w.submitted_at, w.id LIMIT @limit"
            : " WHERE w.status IN @finished AND w.material_id IS NOT NULL ORDER BY w.decided_at DESC, w.id DESC LIMIT @limit"),
            new { limit, open = WithdrawalStatuses.Open, finished = WithdrawalStatuses.Finished }, cancellationToken: ct));
        return rows.Select(r => r.ToApplication()).ToList();
    }

    private const string Select = """
        SELECT w.id, w.grzh, w.type, w.amount, w.status, w.submitted_at AS SubmittedAt, w.decided_at AS DecidedAt, w.reason,
               a.name AS HolderName, w.material_id AS MaterialId, w.bank_name AS BankName, w.card_last4 AS CardLast4,
               w.decided_by AS DecidedBy, w.paid_at AS PaidAt
          FROM withdrawal w
          JOIN personal_account a ON a.grzh = w.grzh
        """;
}
