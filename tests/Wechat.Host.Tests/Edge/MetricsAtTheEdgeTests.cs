namespace Wechat.Host.Tests.Edge;

/// <summary>A Production instance with deploy/'s nginx site in front of it, and the same site in front of an echo.</summary>
public sealed class EdgeFixture : IAsyncLifetime
{
    public ProductionInstance Instance { get; private set; } = null!;
    public NginxSite Site { get; private set; } = null!;
    public EchoUpstream Echo { get; private set; } = null!;
    public NginxSite EchoSite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Instance = await ProductionInstance.StartAsync();
        Site = await NginxSite.StartAsync(Instance.Port);
        Echo = new EchoUpstream();
        EchoSite = await NginxSite.StartAsync(Echo.Port);
    }

    public async Task DisposeAsync()
    {
        if (EchoSite is not null) await EchoSite.DisposeAsync();
        if (Echo is not null) await Echo.DisposeAsync();
        if (Site is not null) await Site.DisposeAsync();
        if (Instance is not null) await Instance.DisposeAsync();
    }
}

/// <summary>
/// Attack run on issue 21's /metrics (docs/security.md, "Attacking the month-end features"): from the Internet, through
/// the public nginx site, and from the instance's own machine with request lines that only normalise to /metrics.
/// </summary>
public sealed class MetricsAtTheEdgeTests(EdgeFixture edge) : IClassFixture<EdgeFixture>
{
    /// <summary>
    /// nginx matched <c>/css/x#/../../metrics</c> as <c>/css/x</c> (a '#' ends the path it matches locations on), sent the
    /// request line on unchanged from its static location — which set no X-Forwarded-For — and Kestrel, taking the '#'
    /// as part of the path, resolved the dot segments to <c>/metrics</c>: a loopback caller without forwarding headers.
    /// </summary>
    [Theory]
    [InlineData("/css/x#/../../metrics")]
    [InlineData("/js/site.js#/../../metrics")]
    [InlineData("/app/a#/../../metrics")]
    [InlineData("/sw.js#/../metrics")]
    [InlineData("/favicon.ico#/../metrics")]
    [InlineData("/css/%2e%2e/metrics")]
    [InlineData("/css/x%23/../../metrics")]
    [InlineData("/metrics")]
    public async Task TheMetricsCannotBeReadThroughThePublicSite(string target)
    {
        var response = await edge.Site.SendAsync(target);
        Assert.False(response.HasMetrics, $"{target} answered {response.Status} with the metrics");
    }

    [Theory]
    [InlineData("/css/x#/../../metrics")]
    [InlineData("/img/x#/../../metrics")]
    [InlineData("/unit#/../metrics")]
    [InlineData("/unit/x#/../../metrics")]
    public async Task TheMetricsCannotBeReadThroughTheEmployerHallsPort(string target)
    {
        // The hall's port connects from its own loopback address (proxy_bind 127.0.0.2) and asks for a certificate.
        var response = await edge.Site.SendToHallAsync(target);
        Assert.False(response.HasMetrics, $"{target} answered {response.Status} with the metrics");
    }

    /// <summary>
    /// On the instance's own machine only the literal <c>/metrics</c> is the metrics: a request line that merely
    /// normalises to it (dot segments, percent-encoding, a '#') is not how Prometheus asks, and is what a proxy that
    /// matched it as another path would pass on.
    /// </summary>
    [Theory]
    [InlineData("/css/x#/../../metrics")]
    [InlineData("/css/../metrics")]
    [InlineData("/./metrics")]
    [InlineData("/%6detrics")]
    [InlineData("/metrics/.")]
    public async Task OnTheInstanceOnlyTheLiteralPathServesTheMetrics(string target)
    {
        var refused = await edge.Instance.SendAsync(target);
        Assert.False(refused.HasMetrics, $"{target} answered {refused.Status} with the metrics");
        // 404 as for anyone not allowed; 400 for a '#', refused before the metrics are even considered.
        Assert.Contains(refused.Status, new[] { 400, 404 });
    }

    /// <summary>
    /// Behind the old site the same line reached /healthz as a loopback caller (its per-server details): the instance
    /// itself refuses any request line with a '#', whichever proxy is in front.
    /// </summary>
    [Theory]
    [InlineData("/css/x#/../../healthz")]
    [InlineData("/css/x#/../../metrics")]
    [InlineData("/h5/account#top")]
    public async Task TheInstanceRefusesARequestLineWithAFragment(string target)
    {
        var refused = await edge.Instance.SendAsync(target);
        Assert.Equal(400, refused.Status);
        Assert.DoesNotContain("\"checks\"", refused.Body);
        Assert.Equal(200, (await edge.Instance.SendAsync("/healthz")).Status);
    }

    [Fact]
    public async Task PrometheusOnTheInstancesMachineStillReadsThem()
    {
        var response = await edge.Instance.SendAsync("/metrics");
        Assert.Equal(200, response.Status);
        Assert.True(response.HasMetrics);
    }
}

/// <summary>
/// What nginx's static locations pass on: they set headers of their own (Cookie), and an nginx location that sets any
/// proxy header inherits none from its server — so the client's X-Forwarded-For, X-Client-Cert and X-Proxy-Secret
/// went through to the instances, which believe X-Forwarded-For from loopback.
/// </summary>
public sealed class StaticLocationHeadersTests(EdgeFixture edge) : IClassFixture<EdgeFixture>
{
    private static readonly (string, string)[] Forged =
    [
        ("X-Forwarded-For", "203.0.113.77"),
        ("X-Real-IP", "203.0.113.77"),
        ("X-Forwarded-Proto", "forged-proto"),
        ("X-Forwarded-Host", "forged.example"),
        ("X-Client-Cert", "forged-certificate"),
        ("X-Client-Verify", "SUCCESS-forged"),
        ("X-Proxy-Secret", "forged-secret"),
    ];

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/js/site.js")]
    [InlineData("/lib/weui.min.css")]
    [InlineData("/app/app.js")]
    [InlineData("/sw.js")]
    [InlineData("/favicon.ico")]
    [InlineData("/h5/account")]
    public async Task ThePublicPortPassesOnlyNginxsOwnViewOfTheClient(string path)
    {
        var seen = (await edge.EchoSite.SendAsync(path + "?edge=" + Guid.NewGuid().ToString("N"), Forged)).Body;
        AssertOnlyNginxsView(seen, path);
        Assert.Contains("X-Forwarded-Proto: https\r\n", seen);
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/img/x.png")]
    public async Task TheHallsPortPassesOnlyNginxsOwnViewOfTheClient(string path)
    {
        var seen = (await edge.EchoSite.SendToHallAsync(path + "?edge=" + Guid.NewGuid().ToString("N"), Forged)).Body;
        AssertOnlyNginxsView(seen, path);
    }

    [Fact]
    public async Task ARequestLineWithAFragmentIsRefusedAtTheEdge()
    {
        Assert.Equal(400, (await edge.EchoSite.SendAsync("/css/x#/../../metrics")).Status);
        Assert.Equal(400, (await edge.EchoSite.SendToHallAsync("/css/x#/../../metrics")).Status);
    }

    private static void AssertOnlyNginxsView(string seen, string path)
    {
        Assert.StartsWith("GET " + path, seen);
        Assert.Contains("X-Forwarded-For: 127.0.0.1\r\n", seen);
        Assert.DoesNotContain("203.0.113.77", seen);
        Assert.DoesNotContain("forged", seen);
    }
}
