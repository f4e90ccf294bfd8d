using System.Security.Cryptography;
using System.Text;
using Wechat.Handlers.Protocol;

namespace Wechat.Host.Tests.Wechat;

/// <summary>Requests as WeChat's servers send them to the host in Development (appsettings.Development.json's credentials).</summary>
internal static class SignedRequests
{
    public const string Token = "devtoken";
    public const string AppId = "wxdev0000000000001";
    public const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public static readonly WechatMessageCrypt Crypt = new(Token, AppId, AesKey);

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();

    public static string Nonce() => RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString();

    /// <summary>A past CreateTime (Unix seconds) that no other test run is likely to have used, so dedup starts fresh.</summary>
    public static long UniqueCreateTime() => RandomNumberGenerator.GetInt32(1_000_000_000, int.MaxValue);

    public static string Click(string openId, string key, long createTime) =>
        $"<xml><ToUserName><![CDATA[gh_fund]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>" +
        $"<EventKey><![CDATA[{key}]]></EventKey></xml>";

    public static string Text(string openId, string content, long msgId) =>
        $"<xml><ToUserName><![CDATA[gh_fund]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>" +
        $"<Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId></xml>";

    public static string Query(string timestamp, string nonce, string? openId = null) =>
        $"/wechat?signature={WechatSignature.Compute(Token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}" +
        (openId is null ? "" : $"&openid={openId}");

    /// <summary>Safe mode: the inner XML encrypted for <paramref name="crypt"/> (ours unless a test forges another).</summary>
    public static HttpRequestMessage SafeMode(string innerXml, WechatMessageCrypt? crypt = null, string? timestamp = null)
    {
        timestamp ??= Now();
        var nonce = Nonce();
        var encrypt = (crypt ?? Crypt).Encrypt(innerXml);
        var url = Query(timestamp, nonce) + "&encrypt_type=aes&msg_signature=" + WechatSignature.Compute(Token, timestamp, nonce, encrypt);
        return new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent($"<xml><ToUserName><![CDATA[gh_fund]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>",
                Encoding.UTF8, "text/xml"),
        };
    }

    /// <summary>Decrypts a safe-mode reply after checking its signature, as WeChat would.</summary>
    public static InboundXml OpenReply(string body)
    {
        var outer = InboundXml.Parse(body);
        return InboundXml.Parse(Crypt.VerifyAndDecrypt(outer.Get("MsgSignature"), outer.Get("TimeStamp")!, outer.Get("Nonce")!, outer.Get("Encrypt")!));
    }
}
