using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Wechat.Host.Tests.Simulator;

namespace Wechat.Host.Tests.App;

/// <summary>
/// The APP's files as a Production host serves them (docs/app.md): the manifest and its icons, the service worker and
/// its allow-list of static paths, the policy that lets both load, and the hall's pages linking them.
/// </summary>
public sealed class AppFilesTests(ProductionHostFactory factory) : IClassFixture<ProductionHostFactory>
{
    private HttpClient Https() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false,
    });

    [Fact]
    public async Task TheManifestNamesTheAppInstallsStandaloneInTheHallAndItsIconsHaveTheirSizes()
    {
        using var client = Https();
        var response = await client.GetAsync("/app/manifest.webmanifest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("信阳公积金", root.GetProperty("name").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("/hall", root.GetProperty("start_url").GetString());
        Assert.Equal("/hall", root.GetProperty("scope").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("theme_color").GetString());

        var sizes = new List<int>();
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            var png = await client.GetByteArrayAsync(icon.GetProperty("src").GetString());
            Assert.True(png.AsSpan(1, 3).SequenceEqual("PNG"u8), icon.ToString());
            var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
            Assert.Equal($"{width}x{height}", icon.GetProperty("sizes").GetString());
            sizes.Add(width);
        }
        Assert.Equal([192, 512], sizes.Order());
    }

    [Fact]
    public async Task TheServiceWorkerCoversTheHallAndThePolicyLetsItAndTheManifestLoad()
    {
        using var client = Https();
        var response = await client.GetAsync("/sw.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("worker-src 'self'", csp);
        Assert.Contains("manifest-src 'self'", csp);
        var scriptSrc = csp.Split(';').Single(d => d.Trim().StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scriptSrc);
    }

    /// <summary>The worker's allow-list holds static files only: each is served to anyone, storable, outside the pages.</summary>
    [Fact]
    public async Task EveryPathTheServiceWorkerKeepsIsAStaticFileAnyoneGets()
    {
        using var client = Https();
        var worker = await client.GetStringAsync("/sw.js");
        var list = Regex.Match(worker, @"const STATIC_PATHS = \[(?<items>[^\]]*)\]").Groups["items"].Value;
        var paths = Regex.Matches(list, "'(?<p>/[^']*)'").Select(m => m.Groups["p"].Value).Append("/app/offline.html").Distinct().ToList();
        Assert.True(paths.Count >= 8, string.Join(", ", paths));
        foreach (var path in paths)
        {
            Assert.False(path.StartsWith("/hall", StringComparison.Ordinal) || path.StartsWith("/h5", StringComparison.Ordinal), path);
            Assert.Matches(@"\.(css|js|png|html|webmanifest)$", path);
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.False(response.Headers.CacheControl?.NoStore ?? false, path);
            Assert.False(response.Headers.Contains("Set-Cookie"), path);
        }
    }

    [Fact]
    public async Task TheHallsPagesLinkTheManifestAndRegisterTheWorkerWithoutInlineScript()
    {
        using var client = Https();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/hall/tools"));
        Assert.Contains("<link rel=\"manifest\" href=\"/app/manifest.webmanifest\" />", html);
        // The fingerprinted URL MapStaticAssets gives (immutable; the worker keeps it under /app/app.js).
        Assert.Matches("<script src=\"/app/app\\.[a-z0-9]{10}\\.js\" defer></script>", html);
        Assert.Contains("id=\"app-tabs\"", html);
        Assert.DoesNotMatch("<script>|<script [^>]*>[^<]+</script>", html);
        // 便民工具's 服务热线 dials the one hotline constant.
        Assert.Contains($"href=\"tel:{Fund.Core.CentreContact.Hotline}\"", html);
    }
}
