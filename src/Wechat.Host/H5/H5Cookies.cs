namespace Wechat.Host.H5;

/// <summary>The two cookies of the H5 sign-in and how they are set: HttpOnly, SameSite=Lax, Secure outside Development.</summary>
internal sealed class H5Cookies(IHostEnvironment environment)
{
    public const string Session = "h5_sid";
    public const string OAuthState = "h5_oauth_state";

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
