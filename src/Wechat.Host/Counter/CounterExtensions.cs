using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Wechat.Host.Security;

namespace Wechat.Host.Counter;

/// <summary>The counter console: its staff cookie, its session lifetime, its roles and which pages need which.</summary>
public static class CounterExtensions
{
    public static IHostApplicationBuilder AddCounter(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<string>, Microsoft.AspNetCore.Identity.PasswordHasher<string>>();
        services.AddSingleton<StaffPasswords>();
        services.AddScoped<StaffCookieEvents>();
        services.AddOptions<CounterSessionOptions>().BindConfiguration(CounterSessionOptions.Section)
            .Validate(o => o.IdleMinutes > 0 && o.AbsoluteHours > 0 && o.IdleMinutes <= o.AbsoluteHours * 60,
                "Counter:IdleMinutes and Counter:AbsoluteHours must be positive, idle within absolute.")
            .ValidateOnStart();
        // The one place that decides the counter session's lifetime: Counter:IdleMinutes of inactivity (sliding), and
        // Counter:AbsoluteHours from sign-in whatever the activity (StaffCookieEvents). The idle time given here is
        // the cookie's; nothing configures it again elsewhere.
        services.AddAuthentication(CounterAuth.Scheme).AddStaffCookie(builder.Environment, CounterAuth.Scheme,
            "counter_auth", "/counter", "/counter/login", "/counter/denied", expire: null);
        services.AddOptions<CookieAuthenticationOptions>(CounterAuth.Scheme).Configure<IOptions<CounterSessionOptions>>((o, session) =>
        {
            o.ExpireTimeSpan = TimeSpan.FromMinutes(session.Value.IdleMinutes);
            o.EventsType = typeof(StaffCookieEvents);
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
        return builder;
    }

    /// <summary>Makes the dummy hash now, so the first sign-in of an unknown name costs what a known one does.</summary>
    public static WebApplication UseCounter(this WebApplication app)
    {
        app.Services.GetRequiredService<StaffPasswords>().Warm();
        return app;
    }
}
