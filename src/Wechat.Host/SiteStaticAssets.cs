using Microsoft.Extensions.Options;
using Wechat.Handlers;
using Wechat.Host.Security;

namespace Wechat.Host;

/// <summary>
/// wwwroot as built (MapStaticAssets, issue 21): each file also under a fingerprinted URL, cached immutable for a
/// year, served from its Brotli or gzip copy made at build time; the tag helpers' asp-append-version link to the
/// fingerprinted URL, and the plain URLs stay (no-cache with an ETag) for the service worker and old links.
/// </summary>
/// <remarks>
/// The files are answered as soon as routing matches them, like UseStaticFiles answered them before the sessions,
/// authentication and the rest: nothing below applies to a file anyone may fetch, and passing them all cost about a
/// third of the static throughput. The site's headers (nosniff, the policy, …) are set here.
/// </remarks>
public static class SiteStaticAssets
{
    public static WebApplication MapSiteStaticAssets(this WebApplication app)
    {
        var oauthBase = app.Services.GetRequiredService<IOptions<WechatOptions>>().Value.OAuthBaseUrl;
        var policy = SecurityHeaders.Policy(app.Environment.IsDevelopment(), oauthBase);
        app.MapStaticAssets().ShortCircuit().Add(endpoint =>
        {
            var serve = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                SecurityHeaders.SetFixedHeaders(headers, policy);
                return serve(context);
            };
        });
        return app;
    }
}
