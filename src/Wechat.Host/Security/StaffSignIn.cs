using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace Wechat.Host.Security;

/// <summary>
/// What the counter console's and the employer hall's sign-ins share: the cookie's settings, and the limit on
/// password tries per address.
/// </summary>
public static class StaffSignIn
{
    /// <summary>Tries per address and window; showing the sign-in page is not a try, posting it is.</summary>
    public const int TriesPerWindow = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

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

    /// <summary>
    /// A rate-limit policy for a sign-in page: <see cref="TriesPerWindow"/> posts per <see cref="Window"/> per client
    /// address, the next answered 429 (per-account lockouts come on top, in the pages).
    /// </summary>
    public static IServiceCollection AddLoginAttemptLimit(this IServiceCollection services, string policy) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = TriesPerWindow, Window = Window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("page"));
        });
}
