using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Wechat.Handlers.Api;

/// <summary>
/// The WeChat HTTP APIs that take an access token. Each call is retried once with a fresh token when WeChat says
/// the token is no longer valid (it can be revoked at any time, e.g. by a reset in the MP console); any other
/// error is a <see cref="WechatApiException"/>.
/// </summary>
public sealed class WechatApiClient
{
    private readonly HttpClient http;
    private readonly AccessTokenProvider tokens;
    private readonly SharedCredentialCache jsapiTickets;
    private readonly ILogger<WechatApiClient> logger;

    public WechatApiClient(
        HttpClient http, AccessTokenProvider tokens, IConnectionMultiplexer redis, IOptions<WechatOptions> options,
        TimeProvider time, ILogger<WechatApiClient> logger)
    {
        this.http = http;
        this.tokens = tokens;
        this.logger = logger;
        jsapiTickets = new SharedCredentialCache(redis, JsapiTicketKey(options.Value.AppId), time, logger);
    }

    internal static string JsapiTicketKey(string appId) => $"wechat:jsticket:{appId}";

    /// <param name="menuJson">The body of menu/create, placeholders already replaced.</param>
    public async Task CreateMenuAsync(string menuJson, CancellationToken cancellationToken = default) =>
        await CallAsync<WechatResult>(HttpMethod.Post, "cgi-bin/menu/create", "", () => WechatJson.RawBody(menuJson),
            cancellationToken);

    /// <summary>Sends a template message; <paramref name="data"/> maps each template field to its value.</summary>
    /// <returns>WeChat's msgid, which the later TEMPLATESENDJOBFINISH event refers to.</returns>
    public async Task<long> SendTemplateMessageAsync(
        string openId, string templateId, string? url, IReadOnlyDictionary<string, string> data,
        CancellationToken cancellationToken = default)
    {
        var body = new TemplateMessage(openId, templateId, url,
            data.ToDictionary(field => field.Key, field => new TemplateField(field.Value)));
        var result = await CallAsync<TemplateSendResult>(HttpMethod.Post, "cgi-bin/message/template/send", "",
            () => WechatJson.Body(body), cancellationToken);
        return result.MsgId;
    }

    /// <summary>A customer-service text message: allowed within 48 hours of the citizen's last message to us.</summary>
    public async Task SendCustomTextAsync(string openId, string text, CancellationToken cancellationToken = default) =>
        await CallAsync<WechatResult>(HttpMethod.Post, "cgi-bin/message/custom/send", "",
            () => WechatJson.Body(new CustomTextMessage(openId, new CustomText(text))), cancellationToken);

    /// <summary>A customer-service news card; WeChat shows one article per message.</summary>
    public async Task SendCustomNewsAsync(
        string openId, NewsArticle article, CancellationToken cancellationToken = default) =>
        await CallAsync<WechatResult>(HttpMethod.Post, "cgi-bin/message/custom/send", "",
            () => WechatJson.Body(new CustomNewsMessage(openId, new CustomNews([article]))), cancellationToken);

    /// <summary>The JS-SDK ticket, shared in Redis like the access token: WeChat's quota for it is small.</summary>
    public Task<string> GetJsapiTicketAsync(CancellationToken cancellationToken = default) =>
        jsapiTickets.GetAsync(async (_, ct) =>
        {
            var result = await CallAsync<ExpiringCredentialResult>(HttpMethod.Get, "cgi-bin/ticket/getticket",
                "&type=jsapi", content: null, ct);
            return new IssuedCredential(result.Ticket ?? "", result.ExpiresIn);
        }, cancellationToken);

    /// <summary>The <c>signature</c> for <c>wx.config</c> (JS-SDK appendix 1).</summary>
    /// <param name="url">The page's full URL; anything from '#' on is not signed.</param>
    public static string JsSdkSignature(string ticket, string nonceStr, long timestamp, string url) =>
        JsSdkSigner.Sign(ticket, nonceStr, timestamp, url);

    private async Task<T> CallAsync<T>(
        HttpMethod method, string path, string extraQuery, Func<HttpContent>? content,
        CancellationToken cancellationToken) where T : WechatResult
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        var result = await SendAsync<T>(method, path, token, extraQuery, content, cancellationToken);
        if (WechatErrorCodes.RejectsAccessToken(result.ErrCode))
        {
            logger.LogWarning("WeChat rejected the access token on {Path} with {ErrCode}; refreshing and retrying once",
                path, result.ErrCode);
            await tokens.InvalidateAsync(token, cancellationToken);
            token = await tokens.GetTokenAsync(cancellationToken);
            result = await SendAsync<T>(method, path, token, extraQuery, content, cancellationToken);
        }

        result.ThrowIfError();
        return result;
    }

    // The content is built per attempt because an HttpContent cannot be sent twice.
    private async Task<T> SendAsync<T>(
        HttpMethod method, string path, string token, string extraQuery, Func<HttpContent>? content,
        CancellationToken cancellationToken) where T : WechatResult
    {
        using var request = new HttpRequestMessage(method, $"{path}?access_token={Uri.EscapeDataString(token)}{extraQuery}")
        {
            Content = content?.Invoke(),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) Fund.Core.Telemetry.FundMetrics.WechatApiFailed(path, (int)response.StatusCode);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<T>(WechatJson.Options, cancellationToken)
            ?? throw new WechatApiException(-1, $"empty response from {path}");
        Fund.Core.Telemetry.FundMetrics.WechatApiAnswered(path, result.ErrCode);
        return result;
    }
}
