using Microsoft.AspNetCore.Authentication;

namespace Wechat.Host.Security;

/// <summary>
/// What the counter console's and the employer hall's sign-ins share: the cookie's settings. Their limits on tries
/// are <see cref="H5.SignInGuard"/>'s, kept in Redis for every instance.
/// </summary>
public static class StaffSignIn
{
    /// <summary>
    /// A sign-in cookie confined to its area's path: HttpOnly, SameSite=Strict, Secure outside Development, sliding.
    /// </summary>
    public static AuthenticationBuilder AddStaffCookie(this AuthenticationBuilder auth, IHostEnvironment environment,
        string scheme, string cookieName, string path, string loginPath, string deniedPath, TimeSpan expire) =>
        auth.AddCookie(scheme, o =>
        {
            o.Cookie.Name = cookieName;
            o.Cookie.Path = path;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = loginPath;
            o.AccessDeniedPath = deniedPath;
            o.ExpireTimeSpan = expire;
            o.SlidingExpiration = true;
        });
}
