using Dapper;
using Fund.Core.Validation;
using Fund.Core.Withdrawals;
using Fund.Data.Security;

namespace Fund.Data.Stores;

/// <summary>The citizen's payout card: the number only as ciphertext, its blind index and its last four digits.</summary>
public sealed class MySqlBankCardStore(FundDatabase db, SensitiveData sensitive)
{
    public async Task<BankCardOnFile?> GetAsync(string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<CardRow>(new CommandDefinition(
            "SELECT bank_name AS BankName, card_last4 AS Last4 FROM bank_card WHERE grzh = @grzh", new { grzh }, cancellationToken: ct));
        return row is null ? null : new BankCardOnFile(row.BankName, row.Last4);
    }

    /// <summary>Keeps the first card: a later call does not replace it (for seeding and tests; citizens go through <see cref="SaveAsync"/>).</summary>
    public async Task<bool> SaveFirstAsync(string grzh, string bankName, string cardNumber, CancellationToken ct)
    {
        var number = BankCardNumber.Normalize(cardNumber);
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            INSERT IGNORE INTO bank_card (grzh, bank_name, card_enc, card_idx, card_last4, created_at)
            VALUES (@grzh, @bankName, @enc, @idx, @last4, UTC_TIMESTAMP())
            """, new
        {
            grzh, bankName, enc = sensitive.Encrypt(number), idx = sensitive.BlindIndex(SensitiveField.BankCard, number), last4 = number[^4..],
        }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Saves the payout card, or replaces the one on file, which moves to <c>bank_card_replaced</c> for the audit;
    /// refused while an application is open (it carries its own copy of the card) or once the account is closed.
    /// One transaction under the account lock, with its audit line. Returns the problem in Chinese, or null.
    /// </summary>
    public async Task<string?> SaveAsync(string grzh, string bankName, string cardNumber, CancellationToken ct)
    {
        var number = BankCardNumber.Normalize(cardNumber);
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var held = await AccountLock.TakeAsync(conn, tx, grzh, ct);
        if (DocumentRules.ChangeProblem(held.Status, held.ApplicationOpen) is { } problem) return problem;
        var replaced = await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO bank_card_replaced (grzh, bank_name, card_enc, card_idx, card_last4, created_at, replaced_at)
            SELECT grzh, bank_name, card_enc, card_idx, card_last4, created_at, UTC_TIMESTAMP() FROM bank_card WHERE grzh = @grzh
            """, new { grzh }, tx, cancellationToken: ct)) > 0;
        await conn.ExecuteAsync(new CommandDefinition("""
            REPLACE INTO bank_card (grzh, bank_name, card_enc, card_idx, card_last4, created_at)
            VALUES (@grzh, @bankName, @enc, @idx, @last4, UTC_TIMESTAMP())
            """, new
        {
            grzh, bankName, enc = sensitive.Encrypt(number), idx = sensitive.BlindIndex(SensitiveField.BankCard, number), last4 = number[^4..],
        }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Citizen(grzh), replaced ? "bankcard.replace" : "bankcard.save",
            "account:" + grzh, $"bank={bankName} last4={number[^4..]}", ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>How many cards the citizen has replaced, newest last (masked only).</summary>
    public async Task<IReadOnlyList<BankCardOnFile>> ReplacedAsync(string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<CardRow>(new CommandDefinition(
            "SELECT bank_name AS BankName, card_last4 AS Last4 FROM bank_card_replaced WHERE grzh = @grzh ORDER BY id", new { grzh }, cancellationToken: ct));
        return rows.Select(r => new BankCardOnFile(r.BankName, r.Last4)).ToList();
    }

    /// <summary>The clear number, for the counter's payment step only.</summary>
    public async Task<string?> RevealAsync(long withdrawalId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var enc = await conn.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            "SELECT card_enc FROM withdrawal WHERE id = @withdrawalId", new { withdrawalId }, cancellationToken: ct));
        return enc is null ? null : sensitive.Decrypt(enc);
    }

    private sealed class CardRow
    {
        public string BankName { get; init; } = "";
        public string Last4 { get; init; } = "";
    }
}
