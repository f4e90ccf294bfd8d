namespace Wechat.Handlers.Protocol;

/// <summary>A body that is not a well-formed, DTD-free WeChat XML message; the request should be refused.</summary>
public sealed class WechatXmlException : Exception
{
    public WechatXmlException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
