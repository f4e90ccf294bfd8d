using System.Security.Cryptography;
using System.Text;
using Wechat.Handlers.Api;

namespace Wechat.Host.H5;

/// <summary>
/// Where WeChat returns the browser: check the state, exchange the single-use code, start the session and 302 to
/// the page without <c>code</c>, so refresh and back never present the code again.
/// </summary>
internal static class OAuthCallback
{
    public const string Path = "/oauth/callback";

    public static async Task<IResult> HandleAsync(HttpContext context, OAuthStateStore states, H5SessionStore sessions,
        WechatOAuthClient oauth, H5Cookies cookies, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger("Wechat.Host.H5.OAuthCallback");
        var query = context.Request.Query;
        string code = query["code"].ToString(), state = query["state"].ToString();
        context.Request.Cookies.TryGetValue(H5Cookies.OAuthState, out var expected);
        context.Response.Cookies.Delete(H5Cookies.OAuthState, cookies.Options("/oauth"));

        // The state must be the one this browser was given and one we issued and have not seen back yet.
        if (string.IsNullOrEmpty(expected) || !SameText(state, expected) || await states.TakeAsync(state) is not { } returnPath)
        {
            log.LogWarning("OAuth callback refused: state missing, foreign or used");
            return Results.Redirect(SignInFailedPath("state"));
        }
        if (string.IsNullOrEmpty(code))
        {
            log.LogInformation("OAuth callback without a code (authorization declined)");
            return Results.Redirect(SignInFailedPath("declined"));
        }

        switch (await oauth.ExchangeCodeAsync(code, context.RequestAborted))
        {
            case CodeExchangeResult.Refused refused:
                log.LogInformation("OAuth code refused: {Reason} ({ErrCode})", refused.Reason, refused.ErrCode);
                return Results.Redirect(SignInFailedPath("code"));
            case CodeExchangeResult.Exchanged exchanged:
                var session = await sessions.CreateAsync(exchanged.OpenId);
                context.Response.Cookies.Append(cookies.Session, session.Id, cookies.Options());
                return Results.Redirect(IsOwnPage(returnPath) ? returnPath : "/h5/account");
            default:
                throw new InvalidOperationException("Unexpected code exchange result.");
        }
    }

    private static string SignInFailedPath(string reason) => "/oauth/failed?reason=" + reason;

    private static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>Only our own H5 pages: never an open redirect.</summary>
    internal static bool IsOwnPage(string path) => ReturnPaths.IsOwnPage(path, "/h5");
}
