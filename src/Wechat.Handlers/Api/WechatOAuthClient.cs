using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Wechat.Handlers.Api;

/// <summary>Web-page authorization (OAuth2) for the H5 pages: where to send the browser, and whose code came back.</summary>
public sealed class WechatOAuthClient(HttpClient http, IOptions<WechatOptions> options)
{
    private readonly WechatOptions wechat = options.Value;

    /// <summary>The URL to 302 to; WeChat returns the browser to <paramref name="redirectUri"/> with code and state.</summary>
    /// <param name="scope"><c>snsapi_base</c> is silent and yields the OpenID, which is all we need.</param>
    public string BuildAuthorizeUrl(string redirectUri, string state, string scope = "snsapi_base") =>
        $"{wechat.OAuthBaseUrl.TrimEnd('/')}/connect/oauth2/authorize" +
        $"?appid={Uri.EscapeDataString(wechat.AppId)}" +
        $"&redirect_uri={Uri.EscapeDataString(redirectUri)}" +
        $"&response_type=code&scope={Uri.EscapeDataString(scope)}" +
        $"&state={Uri.EscapeDataString(state)}#wechat_redirect";

    /// <summary>Exchanges the single-use code; the web access token that comes with it is not kept.</summary>
    public async Task<CodeExchangeResult> ExchangeCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var path = "sns/oauth2/access_token" +
            $"?appid={Uri.EscapeDataString(wechat.AppId)}" +
            $"&secret={Uri.EscapeDataString(wechat.AppSecret)}" +
            $"&code={Uri.EscapeDataString(code)}" +
            "&grant_type=authorization_code";
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<OAuthTokenResult>(WechatJson.Options, cancellationToken)
            ?? throw new WechatApiException(-1, "empty sns/oauth2/access_token response");

        CodeRefusal? refusal = result.ErrCode switch
        {
            WechatErrorCodes.OAuthCodeAlreadyUsed => CodeRefusal.AlreadyUsed,
            WechatErrorCodes.InvalidOAuthCode => CodeRefusal.Invalid,
            WechatErrorCodes.OAuthCodeExpired => CodeRefusal.Expired,
            _ => null,
        };
        if (refusal is { } reason) return new CodeExchangeResult.Refused(reason, result.ErrCode, result.ErrMsg ?? "");

        result.ThrowIfError();
        if (string.IsNullOrEmpty(result.OpenId)) throw new WechatApiException(-1, "no openid in the code exchange");
        return new CodeExchangeResult.Exchanged(result.OpenId);
    }
}
