using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Fund.Data.Security;

/// <summary>The kinds of personal data with a blind index; each kind hashes under its own label.</summary>
public enum SensitiveField { IdNumber, Phone, BankCard, OpenId, SmsCode, SessionId, CertificateToken }

/// <summary>
/// AES-256-GCM for personal data at rest, and an HMAC-SHA256 blind index so equality look-ups never need the clear value.
/// Ciphertext layouts: version 2 (written whenever <c>Fund:EncryptionKeyId</c> is set): 2 | id length | key id (ASCII) |
/// 12-byte nonce | ciphertext | 16-byte tag, the first three parts authenticated with it; version 1 (from before key
/// ids): 1 | nonce | ciphertext | tag. A version-2 value opens with the key its id names, a version-1 value with
/// whichever configured key authenticates it. During a rotation (<c>Fund:PreviousEncryptionKey</c>,
/// <c>Fund:PreviousBlindIndexKey</c>) both keys read, only the current one writes, and look-ups ask for both indexes.
/// </summary>
public sealed class SensitiveData
{
    private const byte LegacyVersion = 1;
    private const byte KeyIdVersion = 2;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _encryptionKey;
    private readonly byte[]? _previousEncryptionKey;
    private readonly byte[] _indexKey;
    private readonly byte[]? _previousIndexKey;
    private readonly byte[] _header;

    public SensitiveData(IOptions<SensitiveDataOptions> options)
    {
        var o = options.Value;
        _encryptionKey = Convert.FromBase64String(o.EncryptionKey);
        _indexKey = Convert.FromBase64String(o.BlindIndexKey);
        _previousEncryptionKey = string.IsNullOrEmpty(o.PreviousEncryptionKey) ? null : Convert.FromBase64String(o.PreviousEncryptionKey);
        _previousIndexKey = string.IsNullOrEmpty(o.PreviousBlindIndexKey) ? null : Convert.FromBase64String(o.PreviousBlindIndexKey);
        EncryptionKeyId = string.IsNullOrEmpty(o.EncryptionKeyId) ? null : o.EncryptionKeyId;
        PreviousEncryptionKeyId = _previousEncryptionKey is null ? null : o.PreviousEncryptionKeyId;
        BlindIndexKeyId = string.IsNullOrEmpty(o.BlindIndexKeyId) ? null : o.BlindIndexKeyId;
        PreviousBlindIndexKeyId = _previousIndexKey is null ? null : o.PreviousBlindIndexKeyId;
        _header = EncryptionKeyId is null ? [LegacyVersion] : Header(EncryptionKeyId);
    }

    /// <summary>The id new ciphertexts carry; null writes the version-1 format, which names no key.</summary>
    public string? EncryptionKeyId { get; }
    public string? PreviousEncryptionKeyId { get; }
    public string? BlindIndexKeyId { get; }
    public string? PreviousBlindIndexKeyId { get; }
    public bool HasPreviousBlindIndexKey => _previousIndexKey is not null;

    /// <summary>How every value written under the current key begins (the whole authenticated header), so SQL can count the rest.</summary>
    public ReadOnlySpan<byte> CurrentHeader => _header;

    public byte[] Encrypt(string clear)
    {
        var plain = Encoding.UTF8.GetBytes(clear);
        var output = new byte[_header.Length + NonceSize + plain.Length + TagSize];
        _header.CopyTo(output, 0);
        var nonce = output.AsSpan(_header.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(_header.Length + NonceSize, plain.Length), output.AsSpan(output.Length - TagSize), _header);
        return output;
    }

    public string Decrypt(byte[] stored) => Open(stored).Clear;

    /// <summary>The clear value and whether it is stored under the current key in the current format (else `keys rotate` rewrites it).</summary>
    public (string Clear, bool UnderCurrentKey) Open(byte[] stored)
    {
        if (stored.Length > 0 && stored[0] == KeyIdVersion)
        {
            if (stored.Length < 2 || stored[1] is 0 or > 32 || stored.Length < 2 + stored[1] + NonceSize + TagSize)
                throw new CryptographicException("Unknown ciphertext format.");
            var headerLength = 2 + stored[1];
            var keyId = Encoding.ASCII.GetString(stored, 2, stored[1]);
            var key = keyId == EncryptionKeyId ? _encryptionKey
                : keyId == PreviousEncryptionKeyId ? _previousEncryptionKey!
                : throw new CryptographicException($"Value encrypted under key id '{keyId}', which is neither Fund:EncryptionKeyId nor Fund:PreviousEncryptionKeyId.");
            try { return (Open(key, stored, headerLength), key == _encryptionKey); }
            catch (AuthenticationTagMismatchException)
            {
                throw new CryptographicException($"Value under key id '{keyId}' does not open with the key configured for that id " +
                                                 "(a wrong key in Fund:EncryptionKey or Fund:PreviousEncryptionKey for its id?).");
            }
        }
        if (stored.Length < 1 + NonceSize + TagSize || stored[0] != LegacyVersion)
            throw new CryptographicException("Unknown ciphertext format.");
        // Version 1 names no key: GCM's tag tells which of the configured keys wrote it.
        if (TryOpen(_encryptionKey, stored, 1) is { } current) return (current, EncryptionKeyId is null);
        if (_previousEncryptionKey is not null && TryOpen(_previousEncryptionKey, stored, 1) is { } previous) return (previous, false);
        throw new CryptographicException("Value in the format without key id opens with neither Fund:EncryptionKey nor Fund:PreviousEncryptionKey.");
    }

    /// <summary>The index under the current key: what writes store.</summary>
    public byte[] BlindIndex(SensitiveField field, string clear) => Hash(_indexKey, field, clear);

    /// <summary>Every index a stored value may have: the current key's and, during a rotation, the previous key's. Look-ups ask for all.</summary>
    public byte[][] BlindIndexes(SensitiveField field, string clear) =>
        _previousIndexKey is null ? [Hash(_indexKey, field, clear)] : [Hash(_indexKey, field, clear), Hash(_previousIndexKey, field, clear)];

    /// <summary>Whether <paramref name="stored"/> is the index under the previous key (a sign the previous key is the right one).</summary>
    public bool IsPreviousIndex(SensitiveField field, string clear, byte[] stored) =>
        _previousIndexKey is not null && CryptographicOperations.FixedTimeEquals(Hash(_previousIndexKey, field, clear), stored);

    private static byte[] Hash(byte[] key, SensitiveField field, string clear)
    {
        var label = field switch
        {
            SensitiveField.IdNumber => "id:",
            SensitiveField.Phone => "phone:",
            SensitiveField.OpenId => "openid:",
            SensitiveField.SmsCode => "smscode:",
            SensitiveField.SessionId => "session:",
            SensitiveField.CertificateToken => "certtoken:",
            _ => "card:",
        };
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(label + clear));
    }

    private static string Open(byte[] key, byte[] stored, int headerLength)
    {
        var plain = new byte[stored.Length - headerLength - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(stored.AsSpan(headerLength, NonceSize), stored.AsSpan(headerLength + NonceSize, plain.Length),
            stored.AsSpan(stored.Length - TagSize), plain, stored.AsSpan(0, headerLength));
        return Encoding.UTF8.GetString(plain);
    }

    private static string? TryOpen(byte[] key, byte[] stored, int headerLength)
    {
        try { return Open(key, stored, headerLength); }
        catch (AuthenticationTagMismatchException) { return null; }
    }

    internal static byte[] Header(string keyId)
    {
        var id = Encoding.ASCII.GetBytes(keyId);
        return [KeyIdVersion, (byte)id.Length, .. id];
    }
}
