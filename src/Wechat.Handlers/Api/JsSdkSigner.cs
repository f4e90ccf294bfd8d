using System.Security.Cryptography;
using System.Text;

namespace Wechat.Handlers.Api;

/// <summary>JS-SDK appendix 1: SHA-1 over the four fields in ASCII order, values raw (not URL-encoded).</summary>
internal static class JsSdkSigner
{
    public static string Sign(string ticket, string nonceStr, long timestamp, string url)
    {
        var fragment = url.IndexOf('#');
        var signedUrl = fragment < 0 ? url : url[..fragment];
        var plain = $"jsapi_ticket={ticket}&noncestr={nonceStr}&timestamp={timestamp}&url={signedUrl}";
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(plain)));
    }
}
