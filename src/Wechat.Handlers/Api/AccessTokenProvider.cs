using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Wechat.Handlers.Api;

/// <summary>
/// The official account's access token, shared by all instances in Redis (<c>wechat:token:{appid}</c>) and fetched
/// with <c>/cgi-bin/stable_token</c>, which, unlike <c>/cgi-bin/token</c>, does not revoke the token other
/// instances are still using.
/// </summary>
public sealed class AccessTokenProvider
{
    private readonly HttpClient http;
    private readonly WechatOptions options;
    private readonly SharedCredentialCache cache;

    public AccessTokenProvider(
        IConnectionMultiplexer redis, HttpClient http, IOptions<WechatOptions> options, TimeProvider time,
        ILogger<AccessTokenProvider> logger)
    {
        this.http = http;
        this.options = options.Value;
        cache = new SharedCredentialCache(redis, CacheKey(this.options.AppId), time, logger);
    }

    internal static string CacheKey(string appId) => $"wechat:token:{appId}";

    public Task<string> GetTokenAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync(FetchAsync, cancellationToken);

    /// <summary>
    /// Call when WeChat answers 40001/42001/40014 for <paramref name="rejectedToken"/>. The cache is cleared only if it
    /// still holds that token, so a refresh another instance already made is kept; the next fetch forces a new token.
    /// </summary>
    public Task InvalidateAsync(string rejectedToken, CancellationToken cancellationToken = default) =>
        cache.InvalidateAsync(rejectedToken);

    private async Task<IssuedCredential> FetchAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var request = new StableTokenRequest("client_credential", options.AppId, options.AppSecret, forceRefresh);
        using var response = await http.PostAsync("cgi-bin/stable_token", WechatJson.Body(request), cancellationToken);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<ExpiringCredentialResult>(WechatJson.Options, cancellationToken)
            ?? throw new WechatApiException(-1, "empty stable_token response");
        Fund.Core.Telemetry.FundMetrics.WechatApiAnswered("cgi-bin/stable_token", result.ErrCode);
        result.ThrowIfError();
        return new IssuedCredential(result.AccessToken ?? "", result.ExpiresIn);
    }

    private sealed record StableTokenRequest(
        [property: JsonPropertyName("grant_type")] string GrantType,
        [property: JsonPropertyName("appid")] string AppId,
        [property: JsonPropertyName("secret")] string Secret,
        [property: JsonPropertyName("force_refresh")] bool ForceRefresh);
}
