using System.Security.Cryptography;
using Fund.Core.Certificates;

namespace Fund.Data.Security;

/// <summary>
/// Verification tokens: 16 random bytes (the seed, stored) followed by the first 14 bytes of an HMAC-SHA256 over them
/// under the blind-index key (label <c>certtoken:</c>), written as 40 base64url characters. 30 bytes fill 40
/// characters exactly, so every character carries signed bits: change any one and the token no longer verifies.
/// The database holds the seed only; without the key no one can make the token that goes with it.
/// </summary>
public sealed class CertificateTokens(SensitiveData sensitive) : ICertificateTokens
{
    private const int SeedSize = 16;
    private const int MacSize = 14;
    public const int TokenLength = 40;
    private static readonly System.Buffers.SearchValues<char> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedSize);

    public string TokenFor(byte[] seed)
    {
        if (seed.Length != SeedSize) throw new ArgumentException("A certificate seed is 16 bytes.", nameof(seed));
        var raw = new byte[SeedSize + MacSize];
        seed.CopyTo(raw, 0);
        Mac(seed).AsSpan(0, MacSize).CopyTo(raw.AsSpan(SeedSize));
        return Base64Url(raw);
    }

    public byte[]? SeedOf(string token)
    {
        // Only the base64url alphabet: '+' and '/' would otherwise decode like '-' and '_', a changed character that still verified.
        if (token.Length != TokenLength || token.AsSpan().ContainsAnyExcept(Alphabet)) return null;
        byte[] raw;
        try { raw = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/')); }
        catch (FormatException) { return null; }
        if (raw.Length != SeedSize + MacSize) return null;
        var seed = raw[..SeedSize];
        // During a blind-index key rotation a printed token signed under the previous key still verifies; once that
        // key is dropped from configuration, certificates issued before the rotation read 无效 (keep it configured
        // for at least Certificates:ValidityDays after rotating).
        var valid = false;
        foreach (var mac in sensitive.BlindIndexes(SensitiveField.CertificateToken, Convert.ToHexString(seed)))
            valid |= CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, MacSize), raw.AsSpan(SeedSize));
        return valid ? seed : null;
    }

    private byte[] Mac(byte[] seed) => sensitive.BlindIndex(SensitiveField.CertificateToken, Convert.ToHexString(seed));

    private static string Base64Url(byte[] raw) => Convert.ToBase64String(raw).Replace('+', '-').Replace('/', '_');
}
