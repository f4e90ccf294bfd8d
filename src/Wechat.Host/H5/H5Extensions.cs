using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Wechat.Handlers;
using Wechat.Handlers.Api;
using Wechat.Host.H5;
using Wechat.Host.Sms;

namespace Wechat.Host;

/// <summary>The citizens' H5 pages: OAuth2 sessions, SMS codes, and Development's stand-ins.</summary>
public static class H5Extensions
{
    public static IHostApplicationBuilder AddH5(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(WechatOAuthClient))) builder.AddWechatApi();
        if (builder.Environment.IsDevelopment())
        {
            // The fake code exchange lives under OAuthBaseUrl, so ApiBaseUrl (customer-service messages …) stays as it is.
            services.AddHttpClient<WechatOAuthClient>().ConfigureHttpClient((sp, http) =>
            {
                var oauthBase = sp.GetRequiredService<IOptions<WechatOptions>>().Value.OAuthBaseUrl;
                if (DevOAuthEndpoints.IsDevOAuth(oauthBase)) http.BaseAddress = new Uri(oauthBase.TrimEnd('/') + "/");
            });
        }

        services.AddSingleton<H5Cookies>();
        services.AddOptions<HallSessionOptions>().BindConfiguration(HallSessionOptions.Section)
            .Validate(o => o.SessionAbsoluteLifetime > TimeSpan.Zero, "Hall:SessionAbsoluteLifetime must be positive.").ValidateOnStart();
        services.AddSingleton<H5SessionStore>();
        services.AddSingleton<OAuthStateStore>();
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section)
            .Validate(o => o.FailuresPerAddress > 0 && o.FailuresPerOpenId > 0, "SignIn limits must be positive.").ValidateOnStart();
        services.AddSingleton<SignInGuard>();
        services.AddSingleton(sp => new SessionRenewal(sp.GetRequiredService<H5SessionStore>(), sp.GetRequiredService<H5Cookies>()));
        services.AddSingleton<FlowDrafts>();
        services.AddSingleton<RenderedStatements>();
        services.AddSingleton<CitizenPasswords>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section)
            .Validate(o => builder.Environment.IsDevelopment() || !string.IsNullOrEmpty(o.GatewayUrl),
                "Sms:GatewayUrl is required outside Development.")
            .Validate(o => string.IsNullOrEmpty(o.GatewayUrl) || (!string.IsNullOrEmpty(o.ApiKey) && !string.IsNullOrEmpty(o.TemplateId)),
                "Sms:ApiKey and Sms:TemplateId are required with Sms:GatewayUrl.")
            .ValidateOnStart();
        services.AddSingleton<DevSmsOutbox>();
        services.AddHttpClient<HttpSmsSender>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddTransient<ISmsSender>(sp => string.IsNullOrEmpty(sp.GetRequiredService<IOptions<SmsOptions>>().Value.GatewayUrl)
            ? sp.GetRequiredService<DevSmsOutbox>()
            : sp.GetRequiredService<HttpSmsSender>());
        services.AddTransient<ISmsCodes, SmsCodes>();
        return builder;
    }

    public static WebApplication UseH5(this WebApplication app)
    {
        app.UseMiddleware<H5SessionMiddleware>();
        app.MapGet(OAuthCallback.Path, OAuthCallback.HandleAsync);
        app.MapGet("/h5", () => Results.Redirect("/h5/account"));
        if (app.Environment.IsDevelopment())
        {
            DevOAuthEndpoints.Map(app);
            DevSmsEndpoint.Map(app);
        }
        return app;
    }
}
