using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Wechat.Handlers.Protocol;

/// <summary>
/// WXBizMsgCrypt for safe and compatible mode: AES-256-CBC with IV = key[0..16] over
/// 16 random bytes ‖ big-endian message length ‖ UTF-8 message ‖ UTF-8 AppId, padded PKCS#7 to 32 bytes.
/// </summary>
/// <remarks>
/// CBC without a MAC would be open to padding-oracle probing, which is why callers must go through
/// <see cref="VerifyAndDecrypt"/>: the msg_signature covers the ciphertext, so a forger never reaches decryption.
/// </remarks>
public sealed class WechatMessageCrypt
{
    private const int RandomLength = 16;
    private const int LengthFieldLength = 4;
    private const int EncodingAesKeyLength = 43;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _token;
    private readonly string _appId;
    private readonly byte[] _key;
    private readonly byte[]? _previousKey;

    public WechatMessageCrypt(string token, string appId, string encodingAesKey, string? previousEncodingAesKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        _token = token;
        _appId = appId;
        _key = DecodeKey(encodingAesKey, nameof(encodingAesKey));
        _previousKey = string.IsNullOrEmpty(previousEncodingAesKey)
            ? null
            : DecodeKey(previousEncodingAesKey, nameof(previousEncodingAesKey));
    }

    /// <summary>From the bound options; throws when no EncodingAESKey is configured (plain mode needs no crypt).</summary>
    public WechatMessageCrypt(WechatOptions options)
        : this(options.Token, options.AppId,
            options.EncodingAESKey ?? throw new ArgumentException("Wechat:EncodingAESKey is not configured.", nameof(options)),
            options.PreviousEncodingAESKey)
    {
    }

    /// <summary>Checks msg_signature over the ciphertext first, then decrypts.</summary>
    public string VerifyAndDecrypt(string? msgSignature, string timestamp, string nonce, string encrypt)
    {
        if (!WechatSignature.Verify(msgSignature, _token, timestamp, nonce, encrypt))
        {
            throw new WechatCryptoException(WechatCryptoError.ValidateSignatureError, "msg_signature does not match.");
        }

        return Decrypt(encrypt);
    }

    /// <summary>
    /// Decrypts with the current key, then with the previous one: after a key rotation in the MP console WeChat
    /// may still deliver messages sealed with the old key for a while.
    /// </summary>
    public string Decrypt(string encryptBase64)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encryptBase64);
        }
        catch (FormatException ex)
        {
            throw new WechatCryptoException(WechatCryptoError.DecodeBase64Error, "Encrypt is not Base64.", ex);
        }

        if (cipher.Length == 0 || cipher.Length % Pkcs7Padding32.BlockSize != 0)
        {
            throw new WechatCryptoException(WechatCryptoError.IllegalBuffer, "Ciphertext is not a whole number of 32-byte blocks.");
        }

        try
        {
            return DecryptWith(_key, cipher);
        }
        catch (WechatCryptoException) when (_previousKey is not null)
        {
            return DecryptWith(_previousKey, cipher);
        }
    }

    /// <summary>Encrypts a message to Base64; <paramref name="random16"/> is only for reproducible tests.</summary>
    public string Encrypt(string message, byte[]? random16 = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random16 is not null && random16.Length != RandomLength)
        {
            throw new ArgumentException("The random prefix must be 16 bytes.", nameof(random16));
        }

        var messageBytes = Encoding.UTF8.GetBytes(message);
        var appIdBytes = Encoding.UTF8.GetBytes(_appId);
        var plain = new byte[RandomLength + LengthFieldLength + messageBytes.Length + appIdBytes.Length];
        if (random16 is null)
        {
            RandomNumberGenerator.Fill(plain.AsSpan(0, RandomLength));
        }
        else
        {
            random16.CopyTo(plain, 0);
        }

        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength), messageBytes.Length);
        messageBytes.CopyTo(plain, RandomLength + LengthFieldLength);
        appIdBytes.CopyTo(plain, RandomLength + LengthFieldLength + messageBytes.Length);

        try
        {
            using var aes = Aes.Create();
            aes.Key = _key;
            return Convert.ToBase64String(aes.EncryptCbc(Pkcs7Padding32.Pad(plain), _key.AsSpan(0, 16), PaddingMode.None));
        }
        catch (CryptographicException ex)
        {
            throw new WechatCryptoException(WechatCryptoError.EncryptAESError, "AES encryption failed.", ex);
        }
    }

    /// <summary>The passive reply for safe mode: the encrypted reply XML with its msg_signature.</summary>
    public string EncryptReply(string replyXml, string timestamp, string nonce, byte[]? random16 = null)
    {
        var encrypt = Encrypt(replyXml, random16);
        var signature = WechatSignature.Compute(_token, timestamp, nonce, encrypt);
        var xml = new StringBuilder(encrypt.Length + 256).Append("<xml><Encrypt>");
        CData.Append(xml, encrypt);
        xml.Append("</Encrypt><MsgSignature>");
        CData.Append(xml, signature);
        xml.Append("</MsgSignature><TimeStamp>");
        CData.AppendEscapedText(xml, timestamp);
        xml.Append("</TimeStamp><Nonce>");
        CData.Append(xml, nonce);
        return xml.Append("</Nonce></xml>").ToString();
    }

    private string DecryptWith(byte[] key, byte[] cipher)
    {
        byte[] padded;
        try
        {
            using var aes = Aes.Create();
            aes.Key = key;
            padded = aes.DecryptCbc(cipher, key.AsSpan(0, 16), PaddingMode.None);
        }
        catch (CryptographicException ex)
        {
            throw new WechatCryptoException(WechatCryptoError.DecryptAESError, "AES decryption failed.", ex);
        }

        if (!Pkcs7Padding32.TryUnpad(padded, out var content) || content.Length < RandomLength + LengthFieldLength)
        {
            throw new WechatCryptoException(WechatCryptoError.IllegalBuffer, "Decrypted padding is invalid.");
        }

        var body = content[(RandomLength + LengthFieldLength)..];
        var messageLength = BinaryPrimitives.ReadInt32BigEndian(content.Slice(RandomLength, LengthFieldLength));
        if (messageLength < 0 || messageLength > body.Length)
        {
            throw new WechatCryptoException(WechatCryptoError.IllegalBuffer, "Decrypted message length is out of range.");
        }

        try
        {
            var appId = StrictUtf8.GetString(body[messageLength..]);
            if (!string.Equals(appId, _appId, StringComparison.Ordinal))
            {
                throw new WechatCryptoException(WechatCryptoError.ValidateAppidError, "The message is for another AppId.");
            }

            return StrictUtf8.GetString(body[..messageLength]);
        }
        catch (DecoderFallbackException ex)
        {
            throw new WechatCryptoException(WechatCryptoError.IllegalBuffer, "Decrypted bytes are not UTF-8.", ex);
        }
    }

    private static byte[] DecodeKey(string? encodingAesKey, string paramName)
    {
        if (encodingAesKey is null || encodingAesKey.Length != EncodingAesKeyLength)
        {
            throw new ArgumentException("EncodingAESKey must be 43 characters.", paramName);
        }

        try
        {
            var key = Convert.FromBase64String(encodingAesKey + "=");
            return key.Length == 32 ? key : throw new ArgumentException("EncodingAESKey must decode to 32 bytes.", paramName);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("EncodingAESKey is not Base64.", paramName, ex);
        }
    }
}
