using Dapper;
using Fund.Data.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MySqlConnector;

namespace Fund.Data.Tests.DataKeys;

/// <summary>
/// A database of the test's own (a rotation walks every row: it must not move the rows other tests and the browser
/// tests' hosts read under the Development keys), and one host per key configuration, as instances before and after
/// the operator changed the settings.
/// </summary>
internal sealed class KeyedDatabase(string name) : IAsyncDisposable
{
    // Test keys of their own, 32 bytes each.
    public const string OldEncryption = "b2xkLWVuY3J5cHRpb24ta2V5LWZvci10ZXN0cy0zMiE=";
    public const string OldIndex = "b2xkLWJsaW5kLWluZGV4LWtleS1mb3ItdGVzdHMtMzI=";
    public const string NewEncryption = "bmV3LWVuY3J5cHRpb24ta2V5LWZvci10ZXN0cy0zMiE=";
    public const string NewIndex = "bmV3LWJsaW5kLWluZGV4LWtleS1mb3ItdGVzdHMtMzI=";

    private readonly List<IHost> _hosts = [];

    public string ConnectionString { get; } = new MySqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Fund")
        ?? "Server=127.0.0.1;Port=13306;User ID=fund;Password=fund-dev;Character Set=utf8mb4") { Database = name }.ConnectionString;

    /// <summary>Before key ids existed: values in the format that names no key.</summary>
    public static Dictionary<string, string?> Legacy => new() { ["Fund:EncryptionKey"] = OldEncryption, ["Fund:BlindIndexKey"] = OldIndex };

    /// <summary>The old keys with ids.</summary>
    public static Dictionary<string, string?> Old => new()
    {
        ["Fund:EncryptionKey"] = OldEncryption, ["Fund:EncryptionKeyId"] = "k1", ["Fund:BlindIndexKey"] = OldIndex, ["Fund:BlindIndexKeyId"] = "i1",
    };

    /// <summary>During the rotation: the new keys write, the old ones still read.</summary>
    public static Dictionary<string, string?> Rotating => new()
    {
        ["Fund:EncryptionKey"] = NewEncryption, ["Fund:EncryptionKeyId"] = "k2", ["Fund:BlindIndexKey"] = NewIndex, ["Fund:BlindIndexKeyId"] = "i2",
        ["Fund:PreviousEncryptionKey"] = OldEncryption, ["Fund:PreviousEncryptionKeyId"] = "k1",
        ["Fund:PreviousBlindIndexKey"] = OldIndex, ["Fund:PreviousBlindIndexKeyId"] = "i1",
    };

    /// <summary>After the rotation, the previous keys removed.</summary>
    public static Dictionary<string, string?> NewOnly => new()
    {
        ["Fund:EncryptionKey"] = NewEncryption, ["Fund:EncryptionKeyId"] = "k2", ["Fund:BlindIndexKey"] = NewIndex, ["Fund:BlindIndexKeyId"] = "i2",
    };

    public async Task CreateAsync()
    {
        var server = new MySqlConnectionStringBuilder(ConnectionString) { Database = "" };
        await using (var conn = new MySqlConnection(server.ConnectionString))
            await conn.ExecuteAsync($"DROP DATABASE IF EXISTS `{name}`");
        await Host(Legacy).Services.GetRequiredService<MigrationRunner>().ApplyAsync(default);
    }

    public IHost Host(Dictionary<string, string?> keys)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(keys)
        {
            ["ConnectionStrings:Fund"] = ConnectionString,
            ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379",
        });
        builder.AddFundData();
        var host = builder.Build();
        _hosts.Add(host);
        return host;
    }

    public async Task<MySqlConnection> OpenAsync()
    {
        var conn = new MySqlConnection(ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var h in _hosts) h.Dispose();
        return ValueTask.CompletedTask;
    }
}
