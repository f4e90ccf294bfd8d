using System.ComponentModel.DataAnnotations;

namespace Fund.Data.Security;

/// <summary>
/// Keys for personal data at rest, bound from <c>Fund</c>: <c>EncryptionKey</c> (AES-256-GCM) and <c>BlindIndexKey</c>
/// (HMAC-SHA256), Base64, 32 bytes each, each with a key id. During a rotation the keys being replaced stay readable
/// as <c>PreviousEncryptionKey</c> / <c>PreviousBlindIndexKey</c> with their ids, until `keys rotate` has moved every
/// value; the same vocabulary as <c>DataProtection:PreviousKeyEncryptionKey</c>.
/// </summary>
public sealed class SensitiveDataOptions : IValidatableObject
{
    public const string Section = "Fund";

    [Required] public string EncryptionKey { get; set; } = "";
    [Required] public string BlindIndexKey { get; set; } = "";

    /// <summary>Names the encryption key inside every ciphertext written under it. Without one, values are written in the
    /// original format that names no key (as before key ids existed); required outside Development.</summary>
    public string? EncryptionKeyId { get; set; }

    /// <summary>Names the blind-index key in the rotation's record (an index value itself carries no id).</summary>
    public string? BlindIndexKeyId { get; set; }

    public string? PreviousEncryptionKey { get; set; }
    public string? PreviousEncryptionKeyId { get; set; }
    public string? PreviousBlindIndexKey { get; set; }
    public string? PreviousBlindIndexKeyId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Problems().Select(p => new ValidationResult(p.Message, [p.Setting]));

    /// <summary>Every problem, named by setting (<c>EncryptionKey</c> …), for the options check and the Production check.</summary>
    public IEnumerable<(string Setting, string Message)> Problems()
    {
        foreach (var (name, value) in new[] { (nameof(EncryptionKey), EncryptionKey), (nameof(BlindIndexKey), BlindIndexKey) })
        {
            if (!IsKey(value)) yield return (name, $"Fund:{name} must be 32 bytes in Base64.");
        }
        foreach (var (name, value) in new[] { (nameof(PreviousEncryptionKey), PreviousEncryptionKey), (nameof(PreviousBlindIndexKey), PreviousBlindIndexKey) })
        {
            if (!string.IsNullOrEmpty(value) && !IsKey(value)) yield return (name, $"Fund:{name} must be 32 bytes in Base64.");
        }
        foreach (var (name, value) in new[]
                 {
                     (nameof(EncryptionKeyId), EncryptionKeyId), (nameof(BlindIndexKeyId), BlindIndexKeyId),
                     (nameof(PreviousEncryptionKeyId), PreviousEncryptionKeyId), (nameof(PreviousBlindIndexKeyId), PreviousBlindIndexKeyId),
                 })
        {
            if (!string.IsNullOrEmpty(value) && !IsKeyId(value))
                yield return (name, $"Fund:{name}: 1–32 of A–Z a–z 0–9 . _ - (a name for the key).");
        }
        foreach (var (key, id, what) in new[]
                 {
                     (PreviousEncryptionKey, PreviousEncryptionKeyId, "Encryption"), (PreviousBlindIndexKey, PreviousBlindIndexKeyId, "BlindIndex"),
                 })
        {
            var current = what == "Encryption" ? (Key: EncryptionKey, Id: EncryptionKeyId) : (Key: BlindIndexKey, Id: BlindIndexKeyId);
            if (string.IsNullOrEmpty(key))
            {
                if (!string.IsNullOrEmpty(id)) yield return ($"Previous{what}KeyId", $"Fund:Previous{what}KeyId: is set without Fund:Previous{what}Key.");
                continue;
            }
            if (string.IsNullOrEmpty(current.Id))
                yield return ($"{what}KeyId", $"Fund:{what}KeyId: required while Fund:Previous{what}Key is set (names the new key).");
            if (string.IsNullOrEmpty(id))
                yield return ($"Previous{what}KeyId", $"Fund:Previous{what}KeyId: required with Fund:Previous{what}Key (the id the old key was used under).");
            else if (string.Equals(id, current.Id, StringComparison.Ordinal))
                yield return ($"Previous{what}KeyId", $"Fund:Previous{what}KeyId and Fund:{what}KeyId are both '{id}': the new key needs a new id.");
            if (key == current.Key)
                yield return ($"Previous{what}Key", $"Fund:Previous{what}Key is the same key as Fund:{what}Key: put the new key in Fund:{what}Key.");
        }
        var keys = new[]
        {
            (nameof(EncryptionKey), EncryptionKey), (nameof(BlindIndexKey), BlindIndexKey),
            (nameof(PreviousEncryptionKey), PreviousEncryptionKey ?? ""), (nameof(PreviousBlindIndexKey), PreviousBlindIndexKey ?? ""),
        };
        // An encryption key must never double as an index key (or the reverse): each has one use.
        foreach (var (a, b) in new[] { (0, 1), (0, 3), (2, 1), (2, 3) })
        {
            if (IsKey(keys[a].Item2) && keys[a].Item2 == keys[b].Item2)
                yield return (keys[b].Item1, $"Fund:{keys[a].Item1} and Fund:{keys[b].Item1} must differ.");
        }
    }

    internal static bool IsKey(string? value)
    {
        var buffer = new byte[48];
        return Convert.TryFromBase64String(value ?? "", buffer, out var n) && n == 32;
    }

    internal static bool IsKeyId(string value) =>
        value.Length is >= 1 and <= 32 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
