namespace Wechat.Host.H5;

/// <summary>The two cookies of the H5 sign-in and how they are set: HttpOnly, SameSite=Lax, Secure outside Development.</summary>
internal sealed class H5Cookies(IHostEnvironment environment)
{
    public const string DevelopmentSession = "h5_sid";
    public const string OAuthState = "h5_oauth_state";

    /// <summary>
    /// Outside Development the session cookie carries the __Host- prefix: browsers then accept it only from this
    /// exact host over HTTPS with Path=/, so a sibling subdomain or a plain-HTTP hop cannot plant a session
    /// (which, at login, would bind the planter's OpenID to the victim's account). The prefix needs Secure, which
    /// plain-HTTP Development cannot give.
    /// </summary>
    public string Session => environment.IsDevelopment() ? DevelopmentSession : "__Host-h5_sid";

    // Lax, not Strict: the way back from WeChat's authorize page is a top-level cross-site navigation.
    public CookieOptions Options(string path = "/", TimeSpan? maxAge = null) => new()
    {
        HttpOnly = true,
        Secure = !environment.IsDevelopment(),
        SameSite = SameSiteMode.Lax,
        Path = path,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
