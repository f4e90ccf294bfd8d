namespace Wechat.Handlers.Protocol;

/// <summary>
/// The outer XML of safe and compatible mode: <c>ToUserName</c> and the <c>Encrypt</c> ciphertext.
/// </summary>
/// <remarks>
/// In compatible mode the outer XML also carries the message in plain text. Those plain fields are covered by no
/// signature (msg_signature covers only Encrypt), so once an Encrypt is present we read the message from it alone.
/// </remarks>
public sealed record EncryptedEnvelope(string ToUserName, string Encrypt)
{
    /// <summary>The envelope, or null when the body has no Encrypt (plain mode).</summary>
    public static EncryptedEnvelope? From(InboundXml outer) =>
        outer.Get("Encrypt") is { Length: > 0 } encrypt
            ? new EncryptedEnvelope(outer.Get("ToUserName") ?? "", encrypt)
            : null;

    /// <summary>Verifies msg_signature, decrypts, and reads the inner XML with the same DTD-free reader.</summary>
    public InboundXml Open(WechatMessageCrypt crypt, string? msgSignature, string timestamp, string nonce) =>
        InboundXml.Parse(crypt.VerifyAndDecrypt(msgSignature, timestamp, nonce, Encrypt));
}
