using Wechat.Handlers.Api;
using Wechat.Host.Sms;

namespace Wechat.Host.Simulator;

/// <summary>
/// The WeChat simulator (Development only): a phone-shaped page that pushes real signed messages to <c>/wechat</c>
/// and shows what comes back, including what WeChat's API would have delivered later (customer-service and template
/// messages) and SMS codes from the dev outbox. Outside Development none of it is registered or mapped.
/// </summary>
public static class SimulatorExtensions
{
    /// <summary>Call after the H5 registrations: it wraps their <see cref="ISmsCodes"/>.</summary>
    public static IHostApplicationBuilder AddSimulator(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return builder;
        var services = builder.Services;
        services.AddSingleton<SimulatorInbox>();
        services.AddSingleton<SimulatedPush>();
        services.AddHttpClient(SimulatedPush.ClientName, http => http.Timeout = TimeSpan.FromSeconds(15));

        services.AddTransient<WechatApiStandIn>();
        services.AddHttpClient<WechatApiClient>().AddHttpMessageHandler<WechatApiStandIn>();
        services.AddHttpClient<AccessTokenProvider>().AddHttpMessageHandler<WechatApiStandIn>();

        services.AddTransient<SmsCodes>();
        services.AddTransient<ISmsCodes, SimulatorSmsCodes>();
        return builder;
    }

    public static WebApplication UseSimulator(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) SimulatorEndpoints.Map(app);
        return app;
    }
}
