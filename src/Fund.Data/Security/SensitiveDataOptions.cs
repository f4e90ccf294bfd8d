using System.ComponentModel.DataAnnotations;

namespace Fund.Data.Security;

/// <summary>Keys for personal data at rest, bound from <c>Fund:EncryptionKey</c> and <c>Fund:BlindIndexKey</c> (Base64, 32 bytes each).</summary>
public sealed class SensitiveDataOptions : IValidatableObject
{
    public const string Section = "Fund";

    [Required] public string EncryptionKey { get; set; } = "";
    [Required] public string BlindIndexKey { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(EncryptionKey), EncryptionKey), (nameof(BlindIndexKey), BlindIndexKey) })
        {
            if (!IsKey(value)) yield return new ValidationResult($"Fund:{name} must be 32 bytes in Base64.", [name]);
        }
        if (EncryptionKey == BlindIndexKey && IsKey(EncryptionKey))
            yield return new ValidationResult("Fund:EncryptionKey and Fund:BlindIndexKey must differ.", [nameof(BlindIndexKey)]);
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[48];
        return Convert.TryFromBase64String(value, buffer, out var n) && n == 32;
    }
}
