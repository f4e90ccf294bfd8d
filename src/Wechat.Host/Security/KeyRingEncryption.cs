using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Wechat.Host.Security;

/// <summary>
/// The key-encryption keys of the Data Protection key ring: <c>DataProtection:KeyEncryptionKey</c> (Base64,
/// 32 bytes) with its <c>DataProtection:KeyEncryptionKeyId</c>, and during a rotation the previous pair
/// (<c>PreviousKeyEncryptionKey</c>, <c>PreviousKeyEncryptionKeyId</c>) that still decrypts keys written before.
/// </summary>
public sealed class KeyEncryptionKeys
{
    private readonly Dictionary<string, byte[]> byId = new(StringComparer.Ordinal);

    public KeyEncryptionKeys(IConfiguration config)
    {
        var section = config.GetSection("DataProtection");
        CurrentId = section["KeyEncryptionKeyId"] is { Length: > 0 } id ? id : "1";
        Current = Decode(section["KeyEncryptionKey"], "DataProtection:KeyEncryptionKey");
        byId[CurrentId] = Current;
        if (section["PreviousKeyEncryptionKey"] is { Length: > 0 } previous)
            byId.TryAdd(section["PreviousKeyEncryptionKeyId"] ?? "", Decode(previous, "DataProtection:PreviousKeyEncryptionKey"));
    }

    public string CurrentId { get; }
    public byte[] Current { get; }

    public byte[]? Find(string id) => byId.GetValueOrDefault(id);

    private static byte[] Decode(string? base64, string name)
    {
        try
        {
            var key = Convert.FromBase64String(base64 ?? "");
            if (key.Length == 32) return key;
        }
        catch (FormatException) { }
        throw new InvalidOperationException($"{name} must be 32 bytes in Base64.");
    }

    /// <summary>Binds a ciphertext to its key id, so an element cannot be relabelled to another key.</summary>
    public static byte[] AssociatedData(string id) => Encoding.UTF8.GetBytes("WechatFund.DataProtection.KeyRing:" + id);
}

/// <summary>
/// Encrypts each Data Protection key's secret with AES-256-GCM under the current key-encryption key before it is
/// written to Redis: <c>&lt;encryptedKey keyId="…"&gt;&lt;value&gt;nonce ‖ ciphertext ‖ tag&lt;/value&gt;</c>.
/// </summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKeys keys) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[12 + plain.Length + 16];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using (var gcm = new AesGcm(keys.Current, 16))
            gcm.Encrypt(nonce, plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), KeyEncryptionKeys.AssociatedData(keys.CurrentId));
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement("encryptedKey", new XAttribute("keyId", keys.CurrentId),
            new XComment(" AES-256-GCM under DataProtection:KeyEncryptionKey; nonce | ciphertext | tag "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Data Protection creates this by type name from the stored element, passing the service provider.</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var keys = services.GetRequiredService<KeyEncryptionKeys>();
        var id = (string?)encryptedElement.Attribute("keyId") ?? "";
        var kek = keys.Find(id) ?? throw new CryptographicException($"Data Protection key ring: key-encryption key '{id}' is not configured.");
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        if (sealedBytes.Length < 12 + 16) throw new CryptographicException("Data Protection key ring: encrypted key too short.");
        var plain = new byte[sealedBytes.Length - 28];
        using (var gcm = new AesGcm(kek, 16))
            gcm.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, KeyEncryptionKeys.AssociatedData(id));
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

/// <summary>
/// The key ring as read from Redis, keeping only keys whose secret is sealed by <see cref="AesGcmXmlEncryptor"/>:
/// someone who can write to Redis but holds no key-encryption key cannot plant a key of their own in clear (GCM
/// then refuses any sealed one they forge). Keys stored in clear before encryption was turned on are ignored, and
/// a fresh encrypted key is made in their place (signed-in staff sign in again once).
/// </summary>
public sealed class SealedKeysOnly(IXmlRepository inner, ILogger logger) : IXmlRepository
{
    private static readonly string DecryptorType = typeof(AesGcmXmlDecryptor).FullName!;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var all = inner.GetAllElements();
        var kept = all.Where(e => e.Name.LocalName != "key" || IsSealed(e)).ToList();
        if (kept.Count < all.Count)
            logger.LogWarning("Data Protection key ring: {Count} key(s) not sealed with the key-encryption key ignored", all.Count - kept.Count);
        return kept;
    }

    public void StoreElement(XElement element, string friendlyName) => inner.StoreElement(element, friendlyName);

    private static bool IsSealed(XElement key)
    {
        var secrets = key.Descendants().Where(d => d.Name.LocalName == "encryptedSecret").ToList();
        return secrets.Count > 0 && secrets.All(s => ((string?)s.Attribute("decryptorType") ?? "").StartsWith(DecryptorType + ",", StringComparison.Ordinal))
            && !key.Descendants().Any(d => d.Name.LocalName == "masterKey");
    }
}
