using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Wechat.Host.Counter;

namespace Wechat.Host.Withdrawals;

/// <summary>Online withdrawal for citizens, the counter console that reviews it, and the notifications it sends.</summary>
public static class WithdrawalsExtensions
{
    public static IHostApplicationBuilder AddWithdrawals(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WithdrawalOptions>().BindConfiguration(WithdrawalOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WithdrawalOptions>>(sp => new WithdrawalOptionsCheck(
            sp.GetRequiredService<IHostEnvironment>().IsDevelopment(), sp.GetRequiredService<IConfiguration>()["Fund:EncryptionKey"]));
        services.AddOptions<Fund.Core.Withdrawals.WithdrawalLimits>().BindConfiguration(Fund.Core.Withdrawals.WithdrawalLimits.Section)
            .Validate(o => !o.Problems().Any(), "Withdrawals:Limits has a value out of range (see WithdrawalLimits.Problems).").ValidateOnStart();
        services.AddSingleton<DocumentCipher>();
        services.AddSingleton<WithdrawalProof>();
        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.Section);
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .Validate(o => o.PollSeconds > 0, "Notifications:PollSeconds must be positive.").ValidateOnStart();
        services.AddSingleton<DocumentFiles>();
        services.AddSingleton<JsSdkConfig>();
        services.AddSingleton<NotificationDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDelivery>());

        services.AddAuthentication(CounterAuth.Scheme).AddCookie(CounterAuth.Scheme, o =>
        {
            o.Cookie.Name = "counter_auth";
            o.Cookie.Path = "/counter";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = "/counter/login";
            o.AccessDeniedPath = "/counter/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(CounterAuth.StaffPolicy, p => p.AddAuthenticationSchemes(CounterAuth.Scheme)
                .RequireRole(CounterAuth.ClerkRole, CounterAuth.SupervisorRole))
            .AddPolicy(CounterAuth.SupervisorPolicy, p => p.AddAuthenticationSchemes(CounterAuth.Scheme)
                .RequireRole(CounterAuth.SupervisorRole));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Counter", CounterAuth.StaffPolicy);
            o.Conventions.AllowAnonymousToPage("/Counter/Login");
            o.Conventions.AllowAnonymousToPage("/Counter/Denied");
            o.Conventions.AuthorizePage("/Counter/LoanProgress", CounterAuth.SupervisorPolicy);
            o.Conventions.AuthorizeFolder("/Counter/Reference", CounterAuth.SupervisorPolicy);
        });
        // Password guessing at the counter login: ten tries a minute per address.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(CounterAuth.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    public static WebApplication UseWithdrawals(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        OversizeUploads.Use(app);
        DocumentEndpoints.Map(app);
        return app;
    }
}
