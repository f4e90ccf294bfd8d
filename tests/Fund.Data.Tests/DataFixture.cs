using Fund.Data.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fund.Data.Tests;

/// <summary>
/// The real MariaDB and Redis that scripts/test.sh starts, configured as the host is: environment variables
/// (ConnectionStrings__Fund, ConnectionStrings__Redis) over defaults for the local servers.
/// </summary>
public sealed class DataFixture : IAsyncLifetime
{
    private IHost? _host;
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
