namespace Bench.Shared;

/// <summary>The bench's own database on the local servers, with the Development keys, so demo and test data stay apart.</summary>
public static class BenchDatabase
{
    public static Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:Fund"] = "Server=127.0.0.1;Port=13306;User ID=fund;Password=fund-dev;Database=wechatfund_bench;Character Set=utf8mb4;Maximum Pool Size=64",
        ["ConnectionStrings:Redis"] = "127.0.0.1:16379",
        ["Fund:EncryptionKey"] = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
        ["Fund:BlindIndexKey"] = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
