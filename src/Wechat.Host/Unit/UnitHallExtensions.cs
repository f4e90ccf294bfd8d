using System.Net;
using Fund.Core.Employers;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using Wechat.Host.Security;

namespace Wechat.Host.Unit;

/// <summary>The employer web hall under /unit: its sign-in, its certificate-checked transactions, its TLS listener.</summary>
public static class UnitHallExtensions
{
    public static IHostApplicationBuilder AddUnitHall(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UnitHallOptions>().BindConfiguration(UnitHallOptions.Section)
            .Validate(o => o.MinBase > 0 && o.MaxBase >= o.MinBase, "UnitHall:MinBase and MaxBase must be positive and in order.")
            .Validate(o => string.IsNullOrEmpty(o.HttpsUrl) || !string.IsNullOrEmpty(o.CaPassphrase), "UnitHall:CaPassphrase is required with UnitHall:HttpsUrl.")
            .Validate(o => o.SessionAbsoluteHours > 0, "UnitHall:SessionAbsoluteHours must be positive.")
            .Validate(o => o.TrustedProxyIsValid, "UnitHall:TrustedProxy must be IP addresses, comma-separated.")
            .Validate(o => o.TrustedProxy.Trim().Length == 0 || o.ProxySecret.Length >= 32,
                "UnitHall:ProxySecret (32 characters or more, the value nginx sends in X-Proxy-Secret) is required with UnitHall:TrustedProxy.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<UnitHallOptions>>().Value.Rules);
        services.AddSingleton<RosterCheck>();
        services.AddSingleton<UnitTls>();
        services.AddSingleton<RosterImport>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuthorizationHandler, CertificateRequirementHandler>();

        services.AddAuthentication().AddStaffCookie(builder.Environment, UnitAuth.Scheme,
            "unit_auth", "/unit", "/unit", "/unit/denied", TimeSpan.FromMinutes(30));
        services.AddScoped<UnitCookieEvents>();
        services.AddOptions<CookieAuthenticationOptions>(UnitAuth.Scheme).Configure(o => o.EventsType = typeof(UnitCookieEvents));
        services.AddAuthorizationBuilder()
            .AddPolicy(UnitAuth.OperatorPolicy, p => p.AddAuthenticationSchemes(UnitAuth.Scheme).RequireClaim(UnitAuth.OperatorIdClaim))
            .AddPolicy(UnitAuth.TransactPolicy, p => p.AddAuthenticationSchemes(UnitAuth.Scheme).RequireClaim(UnitAuth.OperatorIdClaim)
                .AddRequirements(new CertificateRequirement()));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Unit", UnitAuth.OperatorPolicy);
            o.Conventions.AllowAnonymousToPage("/Unit/Index");
            o.Conventions.AllowAnonymousToPage("/Unit/Denied");
            o.Conventions.AuthorizeFolder("/Unit/Business", UnitAuth.TransactPolicy);
            o.Conventions.AuthorizePage("/Counter/Unit/Operators", Counter.CounterAuth.SupervisorPolicy);
        });

        var httpsUrl = builder.Configuration[UnitHallOptions.Section + ":HttpsUrl"];
        if (!string.IsNullOrEmpty(httpsUrl) && builder is WebApplicationBuilder web)
            web.WebHost.ConfigureKestrel((context, kestrel) => ListenWithClientCertificates(context.Configuration, kestrel, new Uri(httpsUrl)));
        return builder;
    }

    public static async Task UseUnitHallAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<UnitTls>().LoadAsync(app.Lifetime.ApplicationStopping);

    /// <summary>The certificate nginx verified, from UnitHall:TrustedProxy only; before the forwarded headers are applied.</summary>
    public static IApplicationBuilder UseProxiedClientCertificate(this IApplicationBuilder app) =>
        app.UseMiddleware<ProxiedClientCertificate>();

    // Listening in code replaces the configured URLs, so the plain ones (--urls, ASPNETCORE_URLS) are listened on here too.
    private static void ListenWithClientCertificates(IConfiguration configuration, KestrelServerOptions kestrel, Uri https)
    {
        foreach (var url in (configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Listen(kestrel, new Uri(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal)), null);
        Listen(kestrel, https, listen => listen.UseHttps(o =>
        {
            var tls = kestrel.ApplicationServices.GetRequiredService<UnitTls>();
            o.ServerCertificateSelector = (_, _) => tls.Server;
            // Asked for, not required: the password sign-in and the query pages work without one.
            o.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            o.ClientCertificateValidation = (certificate, _, _) => tls.Accepts(certificate);
        }));
    }

    private static void Listen(KestrelServerOptions kestrel, Uri url, Action<ListenOptions>? configure)
    {
        configure ??= _ => { };
        if (url.Host == "localhost") kestrel.ListenLocalhost(url.Port, configure);
        else kestrel.Listen(IPAddress.Parse(url.Host), url.Port, configure);
    }
}
