using Dapper;
using Fund.Core.Withdrawals;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>
/// A row of the <c>withdrawal</c> table as every read maps it (a read selects the columns it needs; the rest stay
/// default), with the two shapes Core knows it in.
/// </summary>
internal sealed class WithdrawalRow
{
    public long Id { get; init; }
    public string Grzh { get; init; } = "";
    public int Type { get; init; }
    public decimal Amount { get; init; }
    public int Status { get; init; }
    public DateTime SubmittedAt { get; init; }
    public DateTime? DecidedAt { get; init; }
    public string? Reason { get; init; }
    public long? MaterialId { get; init; }
    public string? BankName { get; init; }
    public string? CardLast4 { get; init; }
    public string? DecidedBy { get; init; }
    public DateTime? PaidAt { get; init; }
    /// <summary>The holder's name, from personal_account (the counter's views).</summary>
    public string HolderName { get; init; } = "";
    /// <summary>The facts of the material it was made with, from withdrawal_material (the once-a-year rules).</summary>
    public string? Facts { get; init; }

    public Withdrawal ToWithdrawal() => new(Id, Grzh, (WithdrawalType)Type, Amount, (WithdrawalStatus)Status,
        StoredTime.Utc(SubmittedAt), StoredTime.Utc(DecidedAt), Reason);

    public WithdrawalApplication ToApplication() =>
        new(ToWithdrawal(), HolderName, MaterialId, BankName, CardLast4, DecidedBy, StoredTime.Utc(PaidAt));

    public LockedApplication ToLocked() => new(Id, (WithdrawalType)Type, (WithdrawalStatus)Status, Amount, CardLast4);
}

/// <summary>
/// What a new row of the <c>withdrawal</c> table holds: an online application (material, idempotency key and the card
/// copied from the one on file) or a record of one decided before online withdrawal (history, seeding). Every insert
/// into the table goes through <see cref="InsertAsync"/>.
/// </summary>
internal sealed record NewWithdrawalRow(string Grzh, WithdrawalType Type, decimal Amount, WithdrawalStatus Status)
{
    /// <summary>When it was submitted; null: now, by the database's clock.</summary>
    public DateTime? SubmittedAtUtc { get; init; }
    public DateTime? DecidedAtUtc { get; init; }
    public string? Reason { get; init; }
    public long? MaterialId { get; init; }
    public string? IdempotencyKey { get; init; }
    public string? BankName { get; init; }
    public byte[]? CardEnc { get; init; }
    public string? CardLast4 { get; init; }

    public async Task<long> InsertAsync(MySqlConnection conn, MySqlTransaction? tx, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO withdrawal (grzh, type, amount, status, submitted_at, decided_at, reason, material_id,
                                    idempotency_key, bank_name, card_enc, card_last4)
            VALUES (@Grzh, @type, @Amount, @status, COALESCE(@SubmittedAtUtc, UTC_TIMESTAMP()), @DecidedAtUtc, @Reason,
                    @MaterialId, @IdempotencyKey, @BankName, @CardEnc, @CardLast4);
            SELECT LAST_INSERT_ID();
            """, new
        {
            Grzh, type = (int)Type, Amount, status = (int)Status, SubmittedAtUtc, DecidedAtUtc, Reason, MaterialId,
            IdempotencyKey, BankName, CardEnc, CardLast4,
        }, tx, cancellationToken: ct));
}
