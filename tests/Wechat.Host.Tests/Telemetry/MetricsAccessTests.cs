using System.Net;
using static Wechat.Host.Tests.Telemetry.PeerHost;

namespace Wechat.Host.Tests.Telemetry;

/// <summary>
/// /metrics answers only a direct caller on the instance's machine: not the public site (nginx sets X-Forwarded-For
/// on every request), not a header claiming loopback, not another address unless listed.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsAccessTests(PeerHost host) : IClassFixture<PeerHost>
{
    private async Task<HttpResponseMessage> GetAsync(string? peer, params (string Name, string Value)[] headers)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        if (peer is not null) client.DefaultRequestHeaders.Add(PeerHeader, peer);
        foreach (var (name, value) in headers) client.DefaultRequestHeaders.Add(name, value);
        return await client.GetAsync("/metrics");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("wechatfund_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALoopbackCallerWithoutForwardingHeadersReadsTheMetrics()
    {
        var response = await GetAsync("127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE wechatfund_outbox_backlog gauge", text);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("::1")).StatusCode);
    }

    [Fact]
    public async Task ARequestThroughNginxIsRefusedEvenFromLoopback()
    {
        // nginx runs on the instances' machine: its connections come from loopback, always with X-Forwarded-For.
        await AssertRefusedAsync(await GetAsync("127.0.0.1", ("X-Forwarded-For", "203.0.113.9")));
        await AssertRefusedAsync(await GetAsync("127.0.0.1", ("X-Forwarded-For", "127.0.0.1")));
        await AssertRefusedAsync(await GetAsync("127.0.0.1", ("X-Real-IP", "127.0.0.1")));
        await AssertRefusedAsync(await GetAsync("127.0.0.1", ("Forwarded", "for=127.0.0.1")));
    }

    [Fact]
    public async Task ARemoteCallerCannotClaimLoopbackWithAHeader()
    {
        await AssertRefusedAsync(await GetAsync("203.0.113.9"));
        await AssertRefusedAsync(await GetAsync("203.0.113.9", ("X-Forwarded-For", "127.0.0.1")));
        // ForwardedHeaders:KnownProxies lists loopback in Development: even a believed proxy's header does not open it.
        await AssertRefusedAsync(await GetAsync("10.9.8.7", ("X-Forwarded-For", "127.0.0.1"), ("X-Forwarded-Proto", "https")));
        await AssertRefusedAsync(await GetAsync(null));
        // Nor a differently spelled path.
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/METRICS")).StatusCode);
    }

    [Fact]
    public void TheNginxSiteDoesNotPassMetricsOn()
    {
        var site = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "nginx", "wechatfund.conf"));
        Assert.Contains("location ^~ /metrics { return 404; }", site);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WechatFund.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

/// <summary>With <c>Telemetry:Metrics=false</c> nothing is listened to and /metrics does not exist, even for loopback.</summary>
public sealed class MetricsOffTests
{
    private sealed class OffHost : PeerHost
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Read while the host is composed, as an environment variable would be: the in-memory overrides come too late.
            builder.UseSetting("Telemetry:Metrics", "false");
        }
    }

    [Fact]
    public async Task MetricsOffServesNothing()
    {
        await using var host = new OffHost();
        var response = await host.Scraper().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("wechatfund_", await response.Content.ReadAsStringAsync());
    }
}
