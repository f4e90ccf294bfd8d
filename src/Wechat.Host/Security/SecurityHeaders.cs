namespace Wechat.Host.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy that lets scripts and styles come only from this host and
/// WeChat's JS-SDK origins (no inline script, no eval; pages keep their behaviour in /js files), no framing by other
/// sites, no MIME sniffing, no full URLs in Referer; and <c>Cache-Control: no-store</c> on the counter console,
/// the employer hall and the citizens' signed-in pages, so a shared or stolen device's cache holds no personal data.
/// </summary>
/// <remarks>
/// Style attributes stay allowed (<c>style-src-attr 'unsafe-inline'</c>): they cannot run script, and the console's
/// markup uses a few. Development frames the H5 pages in the simulator, so there frame-ancestors is 'self'.
/// </remarks>
public sealed class SecurityHeaders(RequestDelegate next, string contentSecurityPolicy)
{
    public static readonly string[] WechatJsSdkOrigins = ["https://res.wx.qq.com", "https://res2.wx.qq.com"];

    public static string Policy(bool development, string? oauthBaseUrl)
    {
        var wechat = string.Join(' ', WechatJsSdkOrigins);
        // A form posted with an expired H5 session is sent on to WeChat's sign-in; form-action covers that redirect.
        var oauth = Uri.TryCreate(oauthBaseUrl, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps
            ? " " + u.GetLeftPart(UriPartial.Authority) : "";
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' {wechat}",
            $"style-src 'self' {wechat}",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            // The APP (docs/app.md): its service worker (/sw.js) and web app manifest come from this host only.
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action 'self'{oauth}",
            development ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // A response's own directives (a served document's sandbox) come first; the site's apply on top of them.
            headers.ContentSecurityPolicy = headers.ContentSecurityPolicy is { Count: > 0 } own && own.ToString().Length > 0
                ? own + "; " + contentSecurityPolicy
                : contentSecurityPolicy;
            SetFixedHeaders(headers, contentSecurityPolicy);
            // A response that said no-store already keeps its own (a document's "private, no-store").
            if (HoldsPersonalData(context.Request.Path) && !headers.CacheControl.ToString().Contains("no-store", StringComparison.Ordinal))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>
    /// The headers that do not depend on the response (all but the policy itself and no-store); also set on the static
    /// files, which are answered before this middleware runs (SiteStaticAssets).
    /// </summary>
    public static void SetFixedHeaders(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        headers.XContentTypeOptions = "nosniff";
        // A page reached by a secret in its URL (/verify/{token}) asks for no-referrer itself; keep the stricter one.
        if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = contentSecurityPolicy.Contains("frame-ancestors 'none'", StringComparison.Ordinal) ? "DENY" : "SAMEORIGIN";
        headers["Permissions-Policy"] = "camera=(self), geolocation=(self), microphone=()";
    }

    /// <summary>The console, and every H5 and hall page but the public tools (the static assets are elsewhere).</summary>
    public static bool HoldsPersonalData(PathString path) =>
        path.StartsWithSegments("/counter")
        || (path.StartsWithSegments("/h5") && !path.StartsWithSegments("/h5/tools"))
        || (path.StartsWithSegments("/hall") && !path.StartsWithSegments("/hall/tools"))
        || path.StartsWithSegments("/oauth")
        || path.StartsWithSegments("/unit"); // the employer hall: employees' names, numbers and balances
}
