namespace Wechat.Host.Display;

/// <summary>
/// 长辈版/大字: the citizen's choice of large type, kept in a cookie for a year so every page (H5, hall, sign-ins)
/// shows it without a sign-in. A link on every page's header turns it on or off and comes back to the same page; no
/// script, so the Content-Security-Policy stays as it is.
/// </summary>
public static class LargeType
{
    public const string Cookie = "large_type";
    public const string Path = "/display/large-type";

    public static bool IsOn(HttpContext context) => context.Request.Cookies[Cookie] == "1";

    /// <summary>The link that switches to the other size and returns to <paramref name="here"/>.</summary>
    public static string SwitchUrl(HttpContext context) =>
        $"{Path}?on={(IsOn(context) ? "0" : "1")}&back={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}";

    public static void Map(WebApplication app) => app.MapGet(Path, (HttpContext context, string? on, string? back) =>
    {
        var options = new CookieOptions
        {
            Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true,
            Secure = !app.Environment.IsDevelopment(), MaxAge = TimeSpan.FromDays(365),
        };
        if (on == "1") context.Response.Cookies.Append(Cookie, "1", options);
        else context.Response.Cookies.Delete(Cookie, options);
        return Results.Redirect(IsLocalPath(back) ? back! : "/h5/account");
    });

    /// <summary>Only a path of this site: never another host (//evil, /\evil) nor a scheme.</summary>
    internal static bool IsLocalPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\')
        && !path.Contains("://", StringComparison.Ordinal);
}
