using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wechat.Handlers.Api;

/// <summary>
/// Serializer settings for WeChat's JSON APIs. Chinese is written as-is rather than as \u escapes: WeChat accepts
/// both, but unescaped bodies are what people read in logs and WireMock, and the relaxed encoder is safe here
/// because these bodies never reach HTML.
/// </summary>
internal static class WechatJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A body with a Content-Length: JsonContent would stream it chunked, which not every gateway takes.</summary>
    public static StringContent Body<T>(T value) => RawBody(JsonSerializer.Serialize(value, Options));

    public static StringContent RawBody(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>The envelope every WeChat API answer carries; <c>errcode</c> is absent or 0 on success.</summary>
internal class WechatResult
{
    [JsonPropertyName("errcode")] public int ErrCode { get; init; }
    [JsonPropertyName("errmsg")] public string? ErrMsg { get; init; }

    public void ThrowIfError()
    {
        if (ErrCode != 0) throw new WechatApiException(ErrCode, ErrMsg);
    }
}

internal sealed class ExpiringCredentialResult : WechatResult
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("ticket")] public string? Ticket { get; init; }
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; init; }
}

internal sealed class TemplateSendResult : WechatResult
{
    [JsonPropertyName("msgid")] public long MsgId { get; init; }
}

internal sealed class OAuthTokenResult : WechatResult
{
    [JsonPropertyName("openid")] public string? OpenId { get; init; }
    [JsonPropertyName("scope")] public string? Scope { get; init; }
}
