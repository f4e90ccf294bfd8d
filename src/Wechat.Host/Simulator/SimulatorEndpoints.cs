using Wechat.Host.Menu;
using System.Reflection;
using Fund.Data.Seed;
using Microsoft.Extensions.Options;
using Wechat.Handlers;
using Wechat.Host.H5;

namespace Wechat.Host.Simulator;

/// <summary>
/// Development only: the phone-shaped page at <c>/dev/simulator</c>, its script and style (embedded, so nothing of
/// it is served outside Development), and the JSON endpoints the page calls.
/// </summary>
internal static class SimulatorEndpoints
{
    public const string Path = "/dev/simulator";

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["simulator.js"] = "text/javascript; charset=utf-8",
        ["simulator.css"] = "text/css; charset=utf-8",
    };

    public sealed record IdentityRequest(string OpenId);

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, () => Asset("simulator.html", "text/html; charset=utf-8"));
        app.MapGet(Path + "/{file}", (string file) =>
            Assets.TryGetValue(file, out var type) ? Asset(file, type) : Results.NotFound());
        app.MapGet(Path + "/api/setup", SetupAsync);
        app.MapPost(Path + "/api/identity", Identity);
        app.MapPost(Path + "/api/send", SendAsync);
        app.MapGet(Path + "/api/inbox", InboxAsync);
    }

    /// <summary>The demo citizens, the menu with its URLs filled in, and whether safe mode can be used.</summary>
    private static async Task<IResult> SetupAsync(MenuFile menu, IOptions<WechatOptions> options, CancellationToken ct)
    {
        var settings = options.Value;
        return Results.Json(new
        {
            citizens = DemoCitizens.All.Select(c => new { name = c.Name, openId = c.OpenId, registered = c.Registered, story = c.Story }),
            menu = (await menu.LoadAsync(ct)).WithPublicBaseUrl(settings.PublicBaseUrl),
            publicBaseUrl = settings.PublicBaseUrl.TrimEnd('/'),
            safeModeConfigured = !string.IsNullOrEmpty(settings.EncodingAESKey),
        });
    }

    /// <summary>
    /// Makes the H5 pages in the phone frame open as this OpenID: the dev OAuth stand-in reads <c>dev_openid</c>, and
    /// the old H5 session is dropped so the next page goes through OAuth again. "new" makes up a fresh OpenID.
    /// </summary>
    private static IResult Identity(IdentityRequest request, HttpContext context)
    {
        var openId = request.OpenId == "new" ? "dev-sim-" + RandomTokens.New(9) : request.OpenId;
        if (!SimulatorRequest.OpenIdShape().IsMatch(openId)) return Results.BadRequest();
        var cookie = new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", IsEssential = true };
        context.Response.Cookies.Append(DevOAuthEndpoints.OpenIdCookie, openId, cookie);
        // The simulator runs only in Development, where the session cookie has no __Host- prefix.
        context.Response.Cookies.Delete(H5Cookies.DevelopmentSession, cookie);
        return Results.Json(new { openId });
    }

    private static async Task<IResult> SendAsync(SimulatorRequest request, SimulatedPush push, CancellationToken ct) =>
        request.Problem() is { } problem
            ? Results.BadRequest(new { problem })
            : Results.Json(await push.SendAsync(request, ct));

    private static async Task<IResult> InboxAsync(string openId, long? after, SimulatorInbox inbox) =>
        SimulatorRequest.OpenIdShape().IsMatch(openId)
            ? Results.Json(await inbox.SinceAsync(openId, after ?? 0))
            : Results.BadRequest();

    private static IResult Asset(string name, string contentType)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("simulator/" + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }
}
