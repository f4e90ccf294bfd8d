using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Wechat.Host.Tests.Simulator;

namespace Wechat.Host.Tests.Static;

/// <summary>
/// Pages on a phone's network (issue 21, docs/deployment.md "Compression and caching"): the pages link static files
/// by fingerprinted URLs, which come compressed (Brotli or gzip, made at build time) and cached immutable for a year;
/// the favicon is an icon; Chart.js only where a chart is drawn; only the public tool pages are compressed.
/// Development (the browser tests' and scripts' host) and Production serve them alike.
/// </summary>
public abstract class StaticAssetsTests(FundHostFactory factory)
{
    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false,
    });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? encodings)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encodings is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", encodings);
        return await client.SendAsync(request);
    }

    private static async Task<string> LinkedAsync(HttpClient client, string page, string file)
    {
        using var response = await client.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode} {html}");
        var stem = Regex.Escape(Path.GetFileNameWithoutExtension(file));
        var match = Regex.Match(html, $@"(?:href|src)=""(?<url>/[^""]*{stem}\.(?<fp>[a-z0-9]{{10}}){Regex.Escape(Path.GetExtension(file))})""");
        Assert.True(match.Success, $"{page} does not link {file} by a fingerprinted URL");
        Assert.StartsWith("/" + Path.GetDirectoryName(file)!.Replace('\\', '/').TrimStart('/'), match.Groups["url"].Value);
        return match.Groups["url"].Value;
    }

    [Theory]
    [InlineData("/h5/tools/calculator", "lib/weui.min.css")]
    [InlineData("/h5/tools/calculator", "css/site.css")]
    [InlineData("/h5/tools/calculator", "js/site.js")]
    [InlineData("/hall/login", "css/hall.css")]
    [InlineData("/hall/login", "app/app.js")]
    [InlineData("/h5/tools/calculator?amount=500000&home=first&months=240&rate=2.6&method=annuity", "lib/chart.umd.min.js")]
    public async Task AFingerprintedFileComesCompressedAndCachedImmutable(string page, string file)
    {
        using var client = Client();
        var url = await LinkedAsync(client, page, file);
        var plain = await (await GetAsync(client, "/" + file, null)).Content.ReadAsByteArrayAsync();

        foreach (var (accept, encoding) in new[] { ("br, gzip", "br"), ("gzip", "gzip") })
        {
            using var response = await GetAsync(client, url, accept);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            var cache = response.Headers.CacheControl!;
            Assert.True(cache is not null, $"{url}: no Cache-Control; {response.Headers} {response.Content.Headers}");
            Assert.True(cache.Extensions.Any(e => e.Name == "immutable"), $"{url}: Cache-Control {cache}");
            Assert.True(cache.MaxAge >= TimeSpan.FromDays(365), $"{url}: {cache}");
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            // Answered straight from routing (SiteStaticAssets), still with the site's file headers.
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.False(response.Headers.Contains("Set-Cookie"), url);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length < plain.Length * 0.7, $"{url} {encoding}: {body.Length} of {plain.Length} bytes");
            using var decoded = new MemoryStream();
            await using (Stream inflate = encoding == "br"
                             ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
                             : new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
                await inflate.CopyToAsync(decoded);
            Assert.Equal(plain, decoded.ToArray());
        }

        // The plain URL stays (the service worker's list, old links) and is revalidated, never kept blindly.
        using var unversioned = await GetAsync(client, "/" + file, "br");
        Assert.Equal(HttpStatusCode.OK, unversioned.StatusCode);
        Assert.True(unversioned.Headers.CacheControl?.NoCache, $"/{file}: {unversioned.Headers.CacheControl}");
        Assert.NotNull(unversioned.Headers.ETag);
    }

    [Fact]
    public async Task TheFaviconIsAThirtyTwoPixelIconLinkedByEveryLayout()
    {
        using var client = Client();
        using var response = await GetAsync(client, "/favicon.ico", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var ico = await response.Content.ReadAsByteArrayAsync();
        // ICONDIR: reserved 0, type 1 (icon), one image; its entry says 32×32 and where the PNG starts.
        Assert.Equal(new byte[] { 0, 0, 1, 0, 1, 0 }, ico[..6]);
        Assert.Equal((32, 32), (ico[6], ico[7]));
        var offset = BinaryPrimitives.ReadInt32LittleEndian(ico.AsSpan(18));
        Assert.True(ico.AsSpan(offset + 1, 3).SequenceEqual("PNG"u8));
        Assert.Equal(32, BinaryPrimitives.ReadInt32BigEndian(ico.AsSpan(offset + 16)));

        foreach (var page in new[] { "/h5/tools/calculator", "/hall/login" })
            await LinkedAsync(client, page, "favicon.ico");
    }

    [Fact]
    public async Task ChartJsOnlyWhereAChartIsDrawnAndDeferred()
    {
        using var client = Client();
        var empty = await client.GetStringAsync("/h5/tools/calculator");
        Assert.DoesNotContain("chart.umd", empty);
        var result = await client.GetStringAsync("/h5/tools/calculator?amount=500000&home=first&months=240&rate=2.6&method=annuity");
        Assert.Matches(@"<script src=""/lib/chart\.umd\.min\.[a-z0-9]{10}\.js"" defer>", result);
        foreach (var page in new[] { "/hall/login", "/h5/tools/rates", "/hall/tools" })
            Assert.DoesNotContain("chart.umd", await client.GetStringAsync(page));
    }

    /// <summary>BREACH: personal pages and the ways in (antiforgery tokens, personal data) are never compressed.</summary>
    [Fact]
    public async Task OnlyThePublicToolPagesAreCompressed()
    {
        using var client = Client();
        foreach (var page in new[] { "/h5/tools/calculator?amount=500000&home=first&months=240&rate=2.6&method=annuity", "/hall/tools/rates" })
        {
            using var response = await GetAsync(client, page, "br, gzip");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        }
        foreach (var page in new[] { "/hall/login", "/hall/register", "/h5/login", "/h5/account", "/hall/account", "/counter/login" })
        {
            using var response = await GetAsync(client, page, "br, gzip");
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
        using var login = await GetAsync(client, "/hall/login", "br, gzip");
        Assert.True(login.Headers.CacheControl?.NoStore, "/hall/login must stay no-store");
    }
}

public sealed class StaticAssetsInDevelopmentTests(FundHostFactory factory) : StaticAssetsTests(factory), IClassFixture<FundHostFactory>;

public sealed class StaticAssetsInProductionTests(ProductionHostFactory factory) : StaticAssetsTests(factory), IClassFixture<ProductionHostFactory>;

/// <summary>
/// The served WeUI is a subset (scripts/lib.sh, weui_subset): every WeUI class that a page, a script or the C# that
/// writes markup uses, and that WeUI styles, is still styled by the served file. A stale subset (a page that began
/// to use a class after the cut) fails here.
/// </summary>
public sealed class WeuiSubsetTests(FundHostFactory factory) : IClassFixture<FundHostFactory>
{
    [Fact]
    public async Task EveryWeuiClassThePagesUseIsInTheServedSubset()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Wechat.Host");
        var full = await File.ReadAllTextAsync(Path.Combine(web, "node_modules", "weui", "dist", "style", "weui.min.css"));
        using var client = factory.CreateClient();
        var served = await client.GetStringAsync("/lib/weui.min.css");
        Assert.True(served.Length < full.Length / 3, $"the served WeUI is {served.Length} of {full.Length} bytes: not cut");

        var sources = Directory.EnumerateFiles(Path.Combine(web, "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(web, "wwwroot"), "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}lib{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            .Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in sources)
            foreach (Match m in Regex.Matches(await File.ReadAllTextAsync(file), @"weui-[A-Za-z0-9_-]*[A-Za-z0-9_]"))
                used.Add(m.Value);
        Assert.True(used.Count > 30, string.Join(" ", used));

        static bool Styles(string css, string cls) => Regex.IsMatch(css, @"\." + Regex.Escape(cls) + @"(?![A-Za-z0-9_-])");
        var missing = used.Where(c => Styles(full, c) && !Styles(served, c)).ToList();
        Assert.True(missing.Count == 0, "WeUI classes the pages use but the served subset lacks (run scripts/lib.sh's weui_subset): " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WechatFund.sln"))) return dir.FullName;
        throw new InvalidOperationException("WechatFund.sln not found");
    }
}
