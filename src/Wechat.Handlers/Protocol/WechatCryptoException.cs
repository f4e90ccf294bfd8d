namespace Wechat.Handlers.Protocol;

/// <summary>An encrypted message that cannot be trusted: bad signature, bad ciphertext, or meant for another AppId.</summary>
public sealed class WechatCryptoException : Exception
{
    public WechatCryptoException(WechatCryptoError error, string message, Exception? inner = null)
        : base($"{message} ({error}, {(int)error})", inner)
    {
        Error = error;
    }

    public WechatCryptoError Error { get; }
}
