using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Wechat.Host.Tests.Tools;

/// <summary>
/// The whole host in Development (which migrates at start-up) on the test database that scripts/test.sh prepares,
/// unless ConnectionStrings__Fund in the environment says otherwise.
/// </summary>
public sealed class ToolsHostFactory : WebApplicationFactory<Program>
{
    private const string TestDatabase =
        "Server=127.0.0.1;Port=13306;User ID=fund;Password=fund-dev;Database=wechatfund_test;Character Set=utf8mb4";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Fund", Environment.GetEnvironmentVariable("ConnectionStrings__Fund") ?? TestDatabase);
        builder.UseSetting("ConnectionStrings:Redis", Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");
        // The browser tests' host delivers the shared test database's outbox; this one must not race it.
        builder.UseSetting("Notifications:DeliveryEnabled", "false");
    }
}

[CollectionDefinition(Name)]
public sealed class ToolsHostCollection : ICollectionFixture<ToolsHostFactory>
{
    public const string Name = "tools-host";
}
