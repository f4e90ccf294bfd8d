using Microsoft.AspNetCore.Http;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Endpoint;

/// <summary>The query string WeChat signs every call to our URL with.</summary>
internal sealed record WechatQuery(
    string? Signature, string? Timestamp, string? Nonce, string? EchoStr, string? EncryptType, string? MsgSignature)
{
    public static WechatQuery From(IQueryCollection query) => new(
        One(query, "signature"), One(query, "timestamp"), One(query, "nonce"), One(query, "echostr"),
        One(query, "encrypt_type"), One(query, "msg_signature"));

    public bool AsksForAes => string.Equals(EncryptType, "aes", StringComparison.OrdinalIgnoreCase);

    /// <summary>Signed with our token, and recent: a captured URL cannot be replayed later.</summary>
    public bool IsAuthentic(WechatOptions options, DateTimeOffset now) =>
        Timestamp is not null && Nonce is not null
        && WechatSignature.Verify(Signature, options.Token, Timestamp, Nonce)
        && TimestampWindow.IsFresh(Timestamp, now, options.TimestampWindowSeconds);

    // A repeated parameter is ambiguous; refusing it keeps the checked value and the used value the same.
    private static string? One(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
