using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Text.Json;
using Wechat.Host.Tests.Simulator;

namespace Wechat.Host.Tests.Security;

/// <summary>What every response of a Production host says about itself, and what /healthz tells a stranger.</summary>
public sealed class ProductionHeadersTests(ProductionHostFactory factory) : IClassFixture<ProductionHostFactory>
{
    // As behind nginx: HTTPS (antiforgery with a Secure-only cookie refuses plain HTTP outright).
    private HttpClient Https() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false,
    });

    [Theory]
    [InlineData("/h5/tools")]
    [InlineData("/counter/login")]
    [InlineData("/css/site.css")]
    [InlineData("/no/such/page")]
    public async Task EveryResponseCarriesThePolicyHeaders(string path)
    {
        using var client = Https();
        var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self' https://res.wx.qq.com https://res2.wx.qq.com;", csp);
        Assert.Contains("style-src 'self' https://res.wx.qq.com https://res2.wx.qq.com;", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/counter/login")]
    [InlineData("/counter")]
    public async Task TheConsoleIsNeverCached(string path)
    {
        using var client = Https();
        var response = await client.GetAsync(path);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/unit")]
    [InlineData("/unit/employees")]
    [InlineData("/unit/business/phone")]
    public async Task TheEmployerHallIsNeverCached(string path)
    {
        // Employees' names, masked numbers and balances: a shared office PC's cache must not keep them.
        using var client = Https();
        var response = await client.GetAsync(path);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task APublicToolsPageMayBeCached()
    {
        using var client = Https();
        var response = await client.GetAsync("/h5/tools");
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
    }

    [Fact]
    public async Task TheAntiforgeryCookieIsHostOnlyAndSecure()
    {
        using var client = Https();
        var response = await client.GetAsync("/counter/login");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-af=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HealthzTellsAStrangerTheStatusOnly()
    {
        using var client = Https();
        var body = await (await client.GetAsync("/healthz")).Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.False(json.RootElement.TryGetProperty("checks", out _), body);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { { "X-Health-Key", "not-the-key-at-all" } } };
        Assert.DoesNotContain("checks", await (await client.SendAsync(wrong)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthzWithTheKeyShowsEachServerButNoVersion()
    {
        using var client = Https();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { { "X-Health-Key", ProductionHostFactory.DetailsKey } } };
        var body = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var mysql = json.RootElement.GetProperty("checks").GetProperty("mysql");
        Assert.Equal("Healthy", mysql.GetProperty("status").GetString());
        Assert.EndsWith(" ms", mysql.GetProperty("detail").GetString());
        Assert.DoesNotContain("MariaDB", body, StringComparison.OrdinalIgnoreCase);
    }
}
