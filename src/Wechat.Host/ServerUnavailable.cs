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
        MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } => true,
        // A connection dropped mid-query (server shut down) or one the server killed while stopping.
        MySqlException { ErrorCode: MySqlErrorCode.ServerShutdown or MySqlErrorCode.QueryInterrupted or MySqlErrorCode.ConnectionCountError } => true,
        MySqlException m when m.InnerException is System.IO.IOException or System.Net.Sockets.SocketException => true,
        _ => Is(error.InnerException) || (error is AggregateException a && a.InnerExceptions.Any(Is)),
    };
}
