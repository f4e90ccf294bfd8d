using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Wechat.Handlers.Endpoint;

public static class WechatEndpoints
{
    public const string Path = "/wechat";

    /// <summary>
    /// GET /wechat answers WeChat's URL check; POST /wechat receives messages and events and answers them.
    /// </summary>
    public static IEndpointRouteBuilder MapWechat(this IEndpointRouteBuilder app)
    {
        // Short-circuited: routing runs the endpoint at once, past static files, sessions, cookies and status-code
        // pages, none of which a push needs (WeChat gets bare status codes) and all of which cost every push time.
        app.MapGet(Path, VerifyUrl).ShortCircuit();
        app.MapPost(Path, (HttpContext http, InboundPushHandler handler) => handler.HandleAsync(http)).ShortCircuit();
        return app;
    }

    /// <summary>WeChat checks the URL by having us echo echostr, which only the holder of the token would do.</summary>
    private static IResult VerifyUrl(
        HttpRequest request, IOptions<WechatOptions> options, TimeProvider time, ILoggerFactory logs)
    {
        var query = WechatQuery.From(request.Query);
        if (!query.IsAuthentic(options.Value, time.GetUtcNow()) || query.EchoStr is null)
        {
            logs.CreateLogger(typeof(WechatEndpoints)).LogWarning("Refused a URL check with a bad signature or timestamp");
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        return Results.Text(query.EchoStr, "text/plain");
    }
}
