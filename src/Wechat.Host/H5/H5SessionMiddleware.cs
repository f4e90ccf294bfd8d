using Microsoft.Extensions.Options;
using Wechat.Handlers;
using Wechat.Handlers.Api;

namespace Wechat.Host.H5;

/// <summary>
/// Every /h5 page but the public tools needs a session; without one the browser goes to WeChat's authorization
/// (snsapi_base) and comes back through /oauth/callback.
/// </summary>
internal sealed class H5SessionMiddleware(RequestDelegate next)
{
    /// <summary>Added to the page a lapsed form post returns to.</summary>
    public const string ExpiredQuery = "?session=expired";

    public static bool NeedsSession(PathString path) =>
        path.StartsWithSegments("/h5") && !path.StartsWithSegments("/h5/tools");

    // Services are resolved inside, not as parameters: the OAuth client is a typed HttpClient, and making one for
    // every request that passes by (static files, /wechat pushes) showed in the profile (bench/README.md).
    public async Task InvokeAsync(HttpContext context)
    {
        if (!NeedsSession(context.Request.Path))
        {
            await next(context);
            return;
        }
        var services = context.RequestServices;
        var cookies = services.GetRequiredService<H5Cookies>();
        if (context.Request.Cookies.TryGetValue(cookies.Session, out var id)
            && await services.GetRequiredService<H5SessionStore>().GetAsync(id) is { } session)
        {
            session.AttachTo(context);
            // Pages show personal data: no shared caches, no back-forward copies after sign-out.
            context.Response.Headers.CacheControl = "no-store";
            await next(context);
            return;
        }

        // A form posted after the session lapsed cannot be replayed; come back to the page it was on, which then says
        // why the form is empty (the layout shows the notice for session=expired).
        var returnPath = HttpMethods.IsGet(context.Request.Method)
            ? context.Request.Path + context.Request.QueryString
            : context.Request.Path + ExpiredQuery;
        var state = await services.GetRequiredService<OAuthStateStore>().StartAsync(returnPath);
        context.Response.Cookies.Append(H5Cookies.OAuthState, state, cookies.Options("/oauth", OAuthStateStore.Lifetime));
        var callback = services.GetRequiredService<IOptions<WechatOptions>>().Value.PublicBaseUrl.TrimEnd('/') + OAuthCallback.Path;
        context.Response.Redirect(services.GetRequiredService<WechatOAuthClient>().BuildAuthorizeUrl(callback, state));
    }
}
