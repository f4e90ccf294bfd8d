using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Wechat.Handlers.Menu;

namespace Wechat.Handlers.Api;

public static class ApiExtensions
{
    /// <summary>Below the 10 s token lock, so a hung fetch ends before another instance may start its own.</summary>
    internal static readonly TimeSpan TokenFetchTimeout = TimeSpan.FromSeconds(8);

    /// <summary>WeChat's API usually answers in well under a second; a chat reply has 5 s in all.</summary>
    internal static readonly TimeSpan ApiTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// WeChat options (validated at start-up), the access-token provider, the API and OAuth2 clients and the menu
    /// publisher. Expects an <c>IConnectionMultiplexer</c> to be registered by the composition root.
    /// </summary>
    public static IHostApplicationBuilder AddWechatApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WechatOptions>()
            .BindConfiguration(WechatOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddHttpClient<AccessTokenProvider>((services, http) => Configure(services, http, TokenFetchTimeout));
        builder.Services.AddHttpClient<WechatApiClient>((services, http) => Configure(services, http, ApiTimeout));
        builder.Services.AddHttpClient<WechatOAuthClient>((services, http) => Configure(services, http, ApiTimeout));
        builder.Services.AddTransient<MenuPublisher>();
        return builder;
    }

    private static void Configure(IServiceProvider services, HttpClient http, TimeSpan timeout)
    {
        var apiBaseUrl = services.GetRequiredService<IOptions<WechatOptions>>().Value.ApiBaseUrl;
        // A trailing slash keeps any path in ApiBaseUrl (a proxy prefix) when relative paths are resolved.
        http.BaseAddress = new Uri(apiBaseUrl.TrimEnd('/') + "/");
        http.Timeout = timeout;
    }
}
