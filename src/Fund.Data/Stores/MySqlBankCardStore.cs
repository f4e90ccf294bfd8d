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

    /// <summary>Keeps the first card: a later call does not replace it (changing a card is a counter matter).</summary>
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
