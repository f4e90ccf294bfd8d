namespace Fund.Data.Security;

/// <summary>One column of <see cref="SensitiveData"/> ciphertext, and the blind-index column computed from the same clear value (if any).</summary>
public sealed record EncryptedColumn(string Ciphertext, string? Index = null, SensitiveField Field = SensitiveField.IdNumber);

/// <summary>A table holding personal data, walked by its primary key (one or two columns).</summary>
public sealed record EncryptedTable(string Name, string[] Key, EncryptedColumn[] Columns);

/// <summary>
/// Every column written with <see cref="SensitiveData"/>. A new encrypted column is one more entry here, or `keys rotate`
/// leaves it under the old key. The order matters: a table whose ciphertext is copied into another (a card into a new
/// withdrawal, into <c>bank_card_replaced</c>) comes before the copy, so copies made during the walk are still reached.
/// </summary>
public static class DataKeyTables
{
    public static readonly IReadOnlyList<EncryptedTable> All =
    [
        new("personal_account", ["grzh"],
            [new("id_number_enc", "id_number_idx", SensitiveField.IdNumber), new("phone_enc", "phone_idx", SensitiveField.Phone)]),
        new("employer_operator", ["id"], [new("id_number_enc", "id_number_idx", SensitiveField.IdNumber)]),
        new("bank_card", ["grzh"], [new("card_enc", "card_idx", SensitiveField.BankCard)]),
        new("bank_card_replaced", ["id"], [new("card_enc", "card_idx", SensitiveField.BankCard)]),
        new("withdrawal", ["id"], [new("card_enc")]),
        new("employer_business_row", ["business_id", "row_no"], [new("row_enc")]),
        // The facts a 缴存证明 printed (name, masked ID number …) as JSON.
        new("certificate", ["id"], [new("facts")]),
    ];
}
