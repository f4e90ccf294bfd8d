namespace Bench.Shared;

/// <summary>
/// The bench's own database on the local servers, with the Development keys, so demo and test data stay apart.
/// The servers' ports follow the scripts' FUND_DB_PORT / FUND_REDIS_PORT (defaults 13306 / 16379), and
/// ConnectionStrings__Fund / ConnectionStrings__Redis, when set, replace the whole strings.
/// </summary>
public static class BenchDatabase
{
    public static string DbPort => Environment.GetEnvironmentVariable("FUND_DB_PORT") is { Length: > 0 } p ? p : "13306";

    public static string RedisPort => Environment.GetEnvironmentVariable("FUND_REDIS_PORT") is { Length: > 0 } p ? p : "16379";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:Fund"] = Environment.GetEnvironmentVariable("ConnectionStrings__Fund") is { Length: > 0 } fund ? fund
            : $"Server=127.0.0.1;Port={DbPort};User ID=fund;Password=fund-dev;Database=wechatfund_bench;Character Set=utf8mb4;Maximum Pool Size=64",
        ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") is { Length: > 0 } redis ? redis
            : $"127.0.0.1:{RedisPort}",
        ["Fund:EncryptionKey"] = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
        ["Fund:BlindIndexKey"] = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
