using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Channels;
using Wechat.Host.H5;
using Wechat.Host.Hall;

namespace Wechat.Host;

/// <summary>
/// The personal web hall at <c>/hall</c>: the shared citizen pages under a second route (<see cref="ChannelRoutes"/>),
/// its own sign-in, sessions anchored on the account, remembered browsers.
/// </summary>
public static class HallExtensions
{
    public static IHostApplicationBuilder AddHall(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<RazorPagesOptions>(o => o.Conventions.Add(new ChannelRoutes()));
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<IdentityStep>();
        services.AddSingleton<RememberedBrowsers>();
        return builder;
    }

    /// <summary>Before the pages and the upload guard: redirects are rewritten into the channel on their way out.</summary>
    public static WebApplication UseHall(this WebApplication app)
    {
        app.UseMiddleware<ChannelRedirects>();
        app.UseMiddleware<HallSessionMiddleware>();
        return app;
    }
}
