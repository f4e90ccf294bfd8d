using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace Wechat.Host.Tests.Simulator;

/// <summary>The whole host as in production: every setting supplied, nothing taken from appsettings.Development.json.</summary>
public class ProductionHostFactory : FundHostFactory
{
    public const string DetailsKey = "health-details-key-for-tests";

    public ProductionHostFactory()
    {
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            // Keys of its own: start-up refuses the Development ones outside Development.
            ["Fund:EncryptionKey"] = "cHJvZC10ZXN0LWVuY3J5cHRpb24ta2V5LTMyYnl0ZXM=",
            ["Fund:BlindIndexKey"] = "cHJvZC10ZXN0LWJsaW5kLWluZGV4LWtleS0zMmJ5dGU=",
            ["Fund:EncryptionKeyId"] = "prod-test-1",
            ["Fund:BlindIndexKeyId"] = "prod-test-1",
            ["DataProtection:KeyEncryptionKey"] = "cHJvZC10ZXN0LWtleS1yaW5nLWVuY3J5cHRpb24ta2U=",
            ["DataProtection:KeyEncryptionKeyId"] = "prod-test-1",
            ["Health:DetailsKey"] = DetailsKey,
            // Its own corner of the shared Redis: its key ring is sealed with a key the Development hosts do not hold.
            ["Redis:KeyPrefix"] = "prod-test",
            ["Wechat:AppId"] = "wxprodtest000000001",
            ["Wechat:AppSecret"] = "prod-test-secret",
            ["Wechat:Token"] = "prodtesttoken",
            ["Wechat:EncodingAESKey"] = "prodtestKEYprodtestKEYprodtestKEY0123456789",
            ["Wechat:PublicBaseUrl"] = "https://fund.example.test",
            ["Sms:GatewayUrl"] = "https://sms.example.test/send",
            ["Sms:ApiKey"] = "unused",
            ["Sms:TemplateId"] = "unused",
            ["Withdrawals:UploadPath"] = Path.Combine(Path.GetTempPath(), "wechatfund-production-test-uploads"),
            ["Withdrawals:DocumentKeyId"] = "prod1",
            ["Withdrawals:DocumentKeys:prod1"] = "cHJvZC10ZXN0LWRvY3VtZW50LWtleS0zMi1ieXRlcyE=",
        })
            Overrides[key] = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

public sealed class SimulatorOutsideDevelopmentTests(ProductionHostFactory factory) : IClassFixture<ProductionHostFactory>
{
    [Theory]
    [InlineData("/dev/simulator")]
    [InlineData("/dev/simulator/simulator.js")]
    [InlineData("/dev/simulator/simulator.css")]
    [InlineData("/dev/simulator/api/setup")]
    [InlineData("/dev/simulator/api/inbox?openid=demo-openid-1")]
    public async Task SimulatorPagesAreNotFound(string path)
    {
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/dev/simulator/api/send")]
    [InlineData("/dev/simulator/api/identity")]
    public async Task SimulatorActionsAreNotFound(string path)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync(path, new { openId = "demo-openid-1", kind = "subscribe" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
