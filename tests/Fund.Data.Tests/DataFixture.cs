using Fund.Data.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fund.Data.Tests;

/// <summary>
/// The real MariaDB and Redis that scripts/test.sh starts, configured as the host is: environment variables
/// (ConnectionStrings__Fund, ConnectionStrings__Redis) over defaults for the local servers.
/// </summary>
public class DataFixture : IAsyncLifetime
{
    private IHost? _host;

    /// <summary>A database of the fixture's own instead of the configured one (null: wechatfund_test, shared).</summary>
    protected virtual string? OwnDatabase => null;
    public IServiceProvider Services => _host!.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Fund"] = "Server=127.0.0.1;Port=13306;User ID=fund;Password=fund-dev;Database=wechatfund_test;Character Set=utf8mb4",
            ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379",
            ["Fund:EncryptionKey"] = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
            ["Fund:BlindIndexKey"] = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        });
        builder.Configuration.AddEnvironmentVariables();
        if (OwnDatabase is { } own)
            builder.Configuration["ConnectionStrings:Fund"] = new MySqlConnector.MySqlConnectionStringBuilder(
                builder.Configuration.GetConnectionString("Fund")!) { Database = own }.ConnectionString;
        builder.AddFundData();
        _host = builder.Build();
        await Get<MigrationRunner>().ApplyAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DataCollection : ICollectionFixture<DataFixture>
{
    public const string Name = "data";
}

/// <summary>
/// The same stores on a database no host uses. The browser tests' host sends every due outbox row of wechatfund_test
/// each second and the hosts of the host tests purge its expired push claims: a test that asserts on such rows (the
/// outbox's back-off, its gauges, the purge) would race them.
/// </summary>
public sealed class QuietDataFixture : DataFixture
{
    protected override string OwnDatabase => "wechatfund_quiet_test";
}

[CollectionDefinition(Name)]
public sealed class QuietDataCollection : ICollectionFixture<QuietDataFixture>
{
    public const string Name = "quiet data";
}
