using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Fund.Data.Security;

/// <summary>The kinds of personal data with a blind index; each kind hashes under its own label.</summary>
public enum SensitiveField { IdNumber, Phone, BankCard, OpenId, SmsCode, SessionId }

/// <summary>
/// AES-256-GCM for personal data at rest, and an HMAC-SHA256 blind index so equality look-ups never need the clear value.
/// Ciphertext layout: version byte (1) | 12-byte nonce | ciphertext | 16-byte tag.
/// </summary>
public sealed class SensitiveData
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _encryptionKey;
    private readonly byte[] _indexKey;

    public SensitiveData(IOptions<SensitiveDataOptions> options)
    {
        _encryptionKey = Convert.FromBase64String(options.Value.EncryptionKey);
        _indexKey = Convert.FromBase64String(options.Value.BlindIndexKey);
    }

    public byte[] Encrypt(string clear)
    {
        var plain = Encoding.UTF8.GetBytes(clear);
        var output = new byte[1 + NonceSize + plain.Length + TagSize];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize, plain.Length), output.AsSpan(output.Length - TagSize), [Version]);
        return output;
    }

    public string Decrypt(byte[] stored)
    {
        if (stored.Length < 1 + NonceSize + TagSize || stored[0] != Version)
            throw new CryptographicException("Unknown ciphertext format.");
        var plain = new byte[stored.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(stored.AsSpan(1, NonceSize), stored.AsSpan(1 + NonceSize, plain.Length), stored.AsSpan(stored.Length - TagSize), plain, [Version]);
        return Encoding.UTF8.GetString(plain);
    }

    public byte[] BlindIndex(SensitiveField field, string clear)
    {
        var label = field switch
        {
            SensitiveField.IdNumber => "id:",
            SensitiveField.Phone => "phone:",
            SensitiveField.OpenId => "openid:",
            SensitiveField.SmsCode => "smscode:",
            SensitiveField.SessionId => "session:",
            _ => "card:",
        };
        return HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(label + clear));
    }
}
