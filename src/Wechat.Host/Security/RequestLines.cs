using Microsoft.AspNetCore.Http.Features;

namespace Wechat.Host.Security;

/// <summary>
/// A request line whose target holds a '#' is refused (400) before anything reads its path. No browser or client
/// library sends one (a fragment stays in the browser), but Kestrel takes it as part of the path and resolves dot
/// segments after it, while a proxy in front may match the path before it: the attack run read /metrics and
/// /healthz's details through nginx with <c>/css/x#/../../metrics</c> (docs/security.md, "Attacking the month-end
/// features"). The nginx site refuses such lines too; this holds behind any other proxy.
/// </summary>
public static class RequestLines
{
    public static WebApplication UseFragmentRefusal(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HasFragment(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }

    internal static bool HasFragment(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget?.Contains('#', StringComparison.Ordinal) == true;
}
