using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using MySqlConnector;
using StackExchange.Redis;

namespace Wechat.Host;

/// <summary>
/// Failures that mean MariaDB or Redis is away (restarting, failing over) rather than a fault of ours: the citizen
/// is told to come back shortly with a 503, and nginx may send the next request elsewhere.
/// </summary>
public static class ServerUnavailable
{
    public const string Title = "服务暂时不可用";
    public const string Message = "系统正在维护或短暂中断，请稍后刷新重试。您已提交的业务不会丢失。";

    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? error) => error switch
    {
        null => false,
        RedisConnectionException or RedisTimeoutException => true,
        // Redis is back but still reading its AOF or snapshot into memory (after a restart, longer after a crash).
        RedisServerException r when r.Message.StartsWith("LOADING", StringComparison.Ordinal) => true,
        MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } => true,
        // A connection dropped mid-query (server shut down) or one the server killed while stopping.
        MySqlException { ErrorCode: MySqlErrorCode.ServerShutdown or MySqlErrorCode.QueryInterrupted or MySqlErrorCode.ConnectionCountError } => true,
        MySqlException m when m.InnerException is System.IO.IOException or System.Net.Sockets.SocketException => true,
        _ => Is(error.InnerException) || (error is AggregateException a && a.InnerExceptions.Any(Is)),
    };
}

/// <summary>
/// Answers the 503 page for <see cref="ServerUnavailable"/> failures itself, without re-running the pipeline for
/// <c>/error</c>: that re-run signs the request in again, and a counter clerk's or an operator's cookie is checked
/// against MariaDB, which is the server that is away. The fault run saw the counter's approvals answered with an empty
/// 500 ("An exception was thrown attempting to execute the error handler") while MariaDB was down. Everything else
/// still goes to the friendly <c>/error</c> page.
/// </summary>
public sealed class ServerUnavailableHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!ServerUnavailable.Is(exception) || context.Response.HasStarted) return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ServerUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">" +
            $"<title>{WebUtility.HtmlEncode(ServerUnavailable.Title)}</title></head><body style=\"font-family:sans-serif;text-align:center;padding:3em 1em\">" +
            $"<h2>{WebUtility.HtmlEncode(ServerUnavailable.Title)}</h2><p>{WebUtility.HtmlEncode(ServerUnavailable.Message)}</p>" +
            "<p>如需帮助请拨打服务热线 <a href=\"tel:12329\">12329</a></p></body></html>", ct);
        return true;
    }
}
