using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// AES-256-GCM for uploaded documents, under keys of their own (<c>Withdrawals:DocumentKeys</c>, by id), never the
/// column key. New files use <c>Withdrawals:DocumentKeyId</c>; older ids stay readable until `documents rekey` has
/// moved their files, so a key can be rotated without a stop. File layout: version (1) | 12-byte nonce | 16-byte
/// tag | ciphertext. The key id and the stored name are authenticated with it, so a file moved under another row's
/// name, or relabelled with another key id, fails to open instead of showing the wrong citizen's scan.
/// </summary>
public sealed class DocumentCipher
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly IReadOnlyDictionary<string, byte[]> keys;

    public DocumentCipher(IOptions<WithdrawalOptions> options)
    {
        keys = options.Value.DocumentKeys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        CurrentKeyId = options.Value.DocumentKeyId ?? "";
    }

    /// <summary>The key new files are written under.</summary>
    public string CurrentKeyId { get; }

    public byte[] Encrypt(ReadOnlySpan<byte> plain, string storedName)
    {
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key(CurrentKeyId), TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), Aad(CurrentKeyId, storedName));
        return output;
    }

    public byte[] Decrypt(ReadOnlySpan<byte> stored, string keyId, string storedName)
    {
        if (stored.Length < 1 + NonceSize + TagSize || stored[0] != Version) throw new CryptographicException("Unknown document format.");
        var plain = new byte[stored.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(Key(keyId), TagSize);
        aes.Decrypt(stored.Slice(1, NonceSize), stored[(1 + NonceSize + TagSize)..], stored.Slice(1 + NonceSize, TagSize), plain, Aad(keyId, storedName));
        return plain;
    }

    private byte[] Key(string keyId) => keys.TryGetValue(keyId, out var key)
        ? key
        : throw new CryptographicException($"Document key '{keyId}' is not configured (Withdrawals:DocumentKeys).");

    private static byte[] Aad(string keyId, string storedName) => Encoding.UTF8.GetBytes($"wechatfund-document|{keyId}|{storedName}");
}
