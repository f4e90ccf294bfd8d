using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Wechat.Host.Tests;

/// <summary>
/// The whole host in Development against the real test database and Redis (scripts/test.sh starts them and
/// exports ConnectionStrings__*; the defaults below match). Extra settings override per test class.
/// </summary>
public class FundHostFactory : WebApplicationFactory<Program>
{
    /// <summary>Settings that replace the defaults, e.g. a WireMock address for WeChat's APIs.</summary>
    public IDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public const string TestDatabase =
        "Server=127.0.0.1;Port=13306;User ID=fund;Password=fund-dev;Database=wechatfund_test;Character Set=utf8mb4";

    /// <summary>
    /// Each client comes from an address of its own (the test server has no peer address, so X-Forwarded-For is
    /// taken): the sign-in limits live in the shared Redis, and tests must not spend each other's tries.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress());
    }

    /// <summary>A made-up client address in 10.0.0.0/8.</summary>
    public static string ClientAddress() =>
        $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Fund"] = Environment.GetEnvironmentVariable("ConnectionStrings__Fund") ?? TestDatabase,
                ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379",
                // The browser tests' host delivers the shared test database's outbox; this one must not race it.
                ["Notifications:DeliveryEnabled"] = "false",
                // WeChat's 5 s per delivery are real time, and a first push on a cold host in a test process whose thread
                // pool is starved at start-up can take longer: the budget and the retries' wait are WeChat's concern,
                // tested on a clock of their own in Wechat.Handlers.Tests; here a slow machine must not answer "success".
                ["Wechat:Pipeline:ReplyBudget"] = "00:00:30",
                ["Wechat:Pipeline:RetryWait"] = "00:00:30",
            };
            foreach (var (k, v) in Overrides) settings[k] = v;
            config.AddInMemoryCollection(settings);
        });
    }
}
