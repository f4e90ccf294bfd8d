using Wechat.Host.Simulator;
using Wechat.Host.Menu;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Fund.Data;
using Fund.Data.Migrations;
using Wechat.Handlers;
using Wechat.Handlers.Api;
using Wechat.Handlers.Endpoint;
using Wechat.Handlers.Pipeline;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Wechat.Host.Unit;
using Wechat.Host.Certificates;
using Wechat.Host.Security;
using Wechat.Host.Withdrawals;
using Wechat.Host.Counter;
using Wechat.Host.Notifications;
using Wechat.Host.Telemetry;

namespace Wechat.Host;

public static class HostExtensions
{
    public static IHostApplicationBuilder AddWechatFundHost(this IHostApplicationBuilder builder)
    {
        builder.AddFundData();
        builder.AddWechatApi();
        // Plain mode would let one replayed URL signature carry any body (the signature does not cover it): a
        // citizen's OpenID in a forged body would read their account. The host therefore always wants safe mode.
        builder.Services.AddOptions<WechatOptions>()
            .Validate(o => !string.IsNullOrEmpty(o.EncodingAESKey), "Wechat:EncodingAESKey is required (safe mode).");
        // While Redis is away, WeChat's retries are deduplicated in MariaDB instead.
        builder.Services.AddSingleton<IPushClaimFallback, MariaDbPushClaims>();
        builder.AddWechatHandlers();
        builder.Services.AddSingleton<ICustomerServiceSender, ApiCustomerServiceSender>();
        builder.Services.AddSingleton<MenuFile>();
        // An empty form field arrives as "" rather than null, so no page meets a null where it declared a string.
        builder.Services.AddExceptionHandler<ServerUnavailableHandler>();
        builder.Services.AddRazorPages().AddMvcOptions(o => o.ModelMetadataDetailsProviders.Add(new EmptyStringsStayEmpty()));
        // Behind the centre's reverse proxy the client address and scheme come from X-Forwarded-*; only the proxies
        // listed in ForwardedHeaders:KnownProxies are believed. Not loopback by default: any local process could
        // otherwise pick the address that the per-address limits count (Development lists loopback in its settings).
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            var proxies = (builder.Configuration["ForwardedHeaders:KnownProxies"] ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(System.Net.IPAddress.Parse).ToList();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still carries the loopback default
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            o.KnownProxies.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            // With both lists empty the middleware would believe everyone: no configured proxy, no forwarded headers.
            o.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
        // Razor would otherwise write every Chinese character as &#x…; — legal, but triples the page size.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.AddH5();
        builder.AddHall();
        builder.AddSimulator();
        builder.AddCounter();
        builder.AddWithdrawals();
        builder.AddNotificationDelivery();
        builder.AddUnitHall();
        builder.AddCertificates();
        builder.AddPlatformSecurity();
        builder.AddPageCompression();
        builder.AddTelemetry();
        return builder;
    }

    public static async Task<WebApplication> UseWechatFundHostAsync(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            // Development keeps the schema current by itself; elsewhere `migrate` is a deliberate step.
            await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(app.Lifetime.ApplicationStopping);
        }
        await app.UseUnitHallAsync();
        // A menu whose click keys and handlers disagree would leave citizens tapping buttons that say nothing.
        var menuProblems = await app.Services.GetRequiredService<MenuFile>().ProblemsAsync(app.Lifetime.ApplicationStopping);
        if (menuProblems.Count > 0)
            throw new InvalidOperationException("menu-config.json is not valid: " + string.Join("; ", menuProblems));

        // First of all: a '#' in the request line is a path a proxy may have matched as another (Security.RequestLines).
        app.UseFragmentRefusal();
        // Before forwarded headers are believed: /metrics is for a direct caller only.
        app.UseTelemetry();
        app.UseProxiedClientCertificate();
        app.UseForwardedHeaders();
        app.UsePlatformSecurity();
        app.UseCounter();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // WeChat's servers get bare status codes from /wechat, never a citizen's HTML error page.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(WechatEndpoints.Path)
                && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });
        // Public pages only (never a personal page, BREACH: docs/deployment.md, "Compression and caching").
        app.UsePageCompression();
        app.UseH5();
        app.UseHall();
        app.UseSimulator();
        // App-wide: every area's cookie scheme (counter, employer hall) and policy is checked here.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWithdrawals();
        // wwwroot as built: fingerprinted, immutable, compressed at build time (SiteStaticAssets).
        app.MapSiteStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        Display.LargeType.Map(app);
        app.MapWechat();
        // Liveness without touching MySQL or Redis: the load tool's ceiling, and a probe for load balancers.
        app.MapGet("/ping", () => "pong");
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        return app;
    }
}
