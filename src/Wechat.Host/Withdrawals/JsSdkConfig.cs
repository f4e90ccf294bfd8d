using Microsoft.Extensions.Options;
using Wechat.Handlers;
using Wechat.Handlers.Api;
using Wechat.Host.H5;

namespace Wechat.Host.Withdrawals;

/// <summary>What <c>wx.config</c> needs on a page, signed for that page's public URL.</summary>
public sealed record JsSdkSettings(string AppId, long Timestamp, string NonceStr, string Signature);

/// <summary>
/// Signs the JS-SDK config only inside WeChat, where <c>wx.chooseImage</c> exists; elsewhere, or when the ticket
/// cannot be had, the page falls back to its plain file input.
/// </summary>
public sealed class JsSdkConfig(WechatApiClient wechat, IOptions<WechatOptions> options, TimeProvider time, ILogger<JsSdkConfig> log)
{
    public static bool IsWechatBrowser(HttpRequest request) =>
        request.Headers.UserAgent.ToString().Contains("MicroMessenger", StringComparison.Ordinal);

    public async Task<JsSdkSettings?> ForAsync(HttpRequest request, CancellationToken ct)
    {
        if (!IsWechatBrowser(request)) return null;
        try
        {
            var ticket = await wechat.GetJsapiTicketAsync(ct);
            // WeChat signs the URL the citizen sees, which is the public one, not whatever address reached Kestrel.
            var url = options.Value.PublicBaseUrl.TrimEnd('/') + request.Path + request.QueryString;
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            var nonce = RandomTokens.New(12);
            return new JsSdkSettings(options.Value.AppId, timestamp, nonce, WechatApiClient.JsSdkSignature(ticket, nonce, timestamp, url));
        }
        catch (Exception e) when (e is HttpRequestException or WechatApiException or TaskCanceledException)
        {
            log.LogWarning(e, "No JS-SDK ticket; the page offers the plain file input only");
            return null;
        }
    }
}
