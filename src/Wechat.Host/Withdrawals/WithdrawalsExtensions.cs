using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Wechat.Host.Counter;
using Wechat.Host.Security;

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

        services.AddAuthentication(CounterAuth.Scheme).AddStaffCookie(builder.Environment, CounterAuth.Scheme,
            "counter_auth", "/counter", "/counter/login", "/counter/denied", TimeSpan.FromHours(8)); // a working day
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

    public static WebApplication UseWithdrawals(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        OversizeUploads.Use(app);
        DocumentEndpoints.Map(app);
        return app;
    }
}
