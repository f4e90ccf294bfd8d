namespace Wechat.Host.H5;

/// <summary>
/// The cookies of the citizens' sign-ins and how they are set: HttpOnly, Secure outside Development; SameSite=Lax for
/// H5 (the way back from WeChat's authorize page is a cross-site navigation), Strict for the hall (nothing comes back
/// to it from another site).
/// </summary>
public sealed class H5Cookies(IHostEnvironment environment)
{
    public const string DevelopmentSession = "h5_sid";
    public const string OAuthState = "h5_oauth_state";
    public const string DevelopmentHallSession = "hall_sid";
    public const string DevelopmentRememberedBrowser = "hall_browser";

    /// <summary>
    /// Outside Development the session cookie carries the __Host- prefix: browsers then accept it only from this
    /// exact host over HTTPS with Path=/, so a sibling subdomain or a plain-HTTP hop cannot plant a session
    /// (which, at login, would bind the planter's OpenID to the victim's account). The prefix needs Secure, which
    /// plain-HTTP Development cannot give.
    /// </summary>
    public string Session => environment.IsDevelopment() ? DevelopmentSession : "__Host-h5_sid";

    /// <summary>The hall's session cookie (__Host- outside Development, as <see cref="Session"/>).</summary>
    public string HallSession => environment.IsDevelopment() ? DevelopmentHallSession : "__Host-hall_sid";

    /// <summary>The signed cookie of a browser the citizen proved with an SMS code (30 days).</summary>
    public string RememberedBrowser => environment.IsDevelopment() ? DevelopmentRememberedBrowser : "__Host-hall_browser";

    public CookieOptions Options(string path = "/", TimeSpan? maxAge = null) => new()
    {
        HttpOnly = true,
        Secure = !environment.IsDevelopment(),
        SameSite = SameSiteMode.Lax,
        Path = path,
        MaxAge = maxAge,
        IsEssential = true,
    };

    public CookieOptions HallOptions(TimeSpan? maxAge = null) => new()
    {
        HttpOnly = true,
        Secure = !environment.IsDevelopment(),
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,
    };
}
