using System.Net;
using System.Text.Json;

namespace Wechat.Host.Tests;

public class HealthTests : IClassFixture<FundHostFactory>
{
    private readonly FundHostFactory _factory;
    public HealthTests(FundHostFactory factory) => _factory = factory;

    [Fact]
    public async Task HealthzReportsMySqlAndRedisHealthy()
    {
        var response = await _factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("mysql").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthzIsUnhealthyWhenRedisIsUnreachable()
    {
        // Port 1 on loopback refuses at once: the check must report, not hang or throw.
        await using var broken = new FundHostFactory
        {
            Overrides = { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500,syncTimeout=500,asyncTimeout=500" },
        };
        var response = await broken.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"redis\":{\"status\":\"Unhealthy\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownPageIsAFriendlyChinese404WithoutDetails()
    {
        var response = await _factory.CreateClient().GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", html);
        Assert.DoesNotContain("Exception", html);
    }
}
