using Wechat.Host.Channels;
using Wechat.Host.H5;

namespace Wechat.Host.Hall;

/// <summary>
/// Sessions of the personal web hall (<c>/hall</c>), anchored on the account itself: no OpenID exists outside WeChat.
/// The public tools run with or without one; the sign-in, registration and reset pages get an anonymous session for
/// their drafts and limits; every other hall page needs a signed-in session, else the browser goes to the sign-in and
/// comes back afterwards.
/// </summary>
internal sealed class HallSessionMiddleware(RequestDelegate next)
{
    public const string LoginPath = "/hall/login";

    /// <summary>The hall's public pages: 我的工具 and the agreement, readable without signing in.</summary>
    public static bool IsPublic(PathString path) =>
        path.StartsWithSegments("/hall/tools") || path.StartsWithSegments("/hall/agreement");

    /// <summary>The ways in: sign-in, registration and reset, which run before anyone is signed in.</summary>
    public static bool IsWayIn(PathString path) =>
        path.StartsWithSegments(LoginPath) || path.StartsWithSegments("/hall/register") || path.StartsWithSegments("/hall/reset-password");

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(Channel.Hall.Prefix))
        {
            await next(context);
            return;
        }
        var services = context.RequestServices;
        var cookies = services.GetRequiredService<H5Cookies>();
        var sessions = services.GetRequiredService<H5SessionStore>();
        var session = context.Request.Cookies.TryGetValue(cookies.HallSession, out var id) ? await sessions.GetHallAsync(id) : null;
        session?.AttachTo(context);
        if (IsPublic(path))
        {
            await next(context);
            return;
        }
        // Personal pages and the ways in: no shared caches, no back-forward copies after 退出.
        context.Response.Headers.CacheControl = "no-store";
        if (IsWayIn(path))
        {
            if (session is null)
            {
                session = await sessions.CreateHallAsync(RandomTokens.New(12), null);
                context.Response.Cookies.Append(cookies.HallSession, session.Id, cookies.HallOptions());
                session.AttachTo(context);
            }
            await next(context);
            return;
        }
        if (session?.Grzh is null)
        {
            // A form posted after the session lapsed cannot be replayed: back to its page after signing in, which
            // then says why the form is empty.
            var returnPath = HttpMethods.IsGet(context.Request.Method)
                ? path + context.Request.QueryString
                : path + H5SessionMiddleware.ExpiredQuery;
            context.Response.Redirect(LoginPath + "?returnUrl=" + Uri.EscapeDataString(returnPath));
            return;
        }
        await next(context);
    }

    /// <summary>
    /// Only the hall's own pages, never an open redirect: no <c>//</c>, no backslash, no <c>.</c> or <c>..</c> segment,
    /// nor any percent-encoded dot or backslash in the path (a browser resolves <c>/hall/%2e%2e/x</c> to <c>/x</c>).
    /// </summary>
    public static bool IsOwnPage(string? path) => ReturnPaths.IsOwnPage(path, Channel.Hall.Prefix);
}
