using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static Wechat.Host.Tests.Wechat.SignedRequests;

namespace Wechat.Host.Tests.Telemetry;

/// <summary>
/// Traces go out over OTLP only when an endpoint is set, and what goes out carries no OpenID, phone, ID number or
/// token from a URL: WeChat puts the OpenID in /wechat's query string, and a page's URL may carry anything.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class TraceScrubbingTests : IDisposable
{
    private readonly WireMockServer _collector = WireMockServer.Start();

    public TraceScrubbingTests() =>
        _collector.Given(Request.Create().WithPath("/v1/traces").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));

    public void Dispose() => _collector.Stop();

    private sealed class TracedHost(string endpoint) : FundHostFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Read while the host is composed, as an environment variable would be: the in-memory overrides come too late.
            builder.UseSetting("Telemetry:OtlpEndpoint", endpoint);
            builder.UseSetting("Telemetry:OtlpProtocol", "http/protobuf");
        }
    }

    [Fact]
    public async Task SpansNameTheRouteButNoQueryStringPathValueOrClientAddress()
    {
        await using var host = new TracedHost(_collector.Url!);
        var http = host.CreateClient();
        var openId = "o-trace-" + Guid.NewGuid().ToString("N")[..12];
        var push = SafeMode(Click("demo-openid-1", "MY_ACCOUNT", UniqueCreateTime()));
        push.RequestUri = new Uri(push.RequestUri + "&openid=" + openId, UriKind.Relative);
        Assert.True((await http.SendAsync(push)).IsSuccessStatusCode);
        await http.GetAsync("/h5/account?phone=13912345678&idcard=411502198803151018&grzh=460000000001");
        await http.GetAsync("/verify/SECRETTOKEN0123456789");

        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        // The collector logs a request after answering it, and a flush may go out in more than one request.
        string Exported() => string.Concat(_collector.LogEntries.Select(e => Encoding.UTF8.GetString(e.RequestMessage.BodyAsBytes ?? [])));
        for (var i = 0; i < 100 && !(Exported().Contains("/wechat") && Exported().Contains("verify/{token?}")); i++) await Task.Delay(100);
        var exported = Exported();

        Assert.True(exported.Contains("/wechat"), $"exported {_collector.LogEntries.Count()} request(s) without the /wechat span");
        Assert.Contains("verify/{token?}", exported); // Razor Pages name their routes without the leading slash
        Assert.Contains("http.route", exported);
        foreach (var secret in new[] { openId, "demo-openid-1", "13912345678", "411502198803151018", "460000000001", "SECRETTOKEN0123456789",
                     "signature=", "url.query", "client.address" })
            Assert.DoesNotContain(secret, exported);
    }

    /// <summary>
    /// Attack run (docs/security.md, "Attacking the month-end features"): MySqlConnector records a failed command's
    /// exception on its span as an "exception" event with the message and stack trace, and MariaDB's messages quote
    /// values — a duplicate key names the OpenID or 个人账号 it collided on. No processor can take an event off a span,
    /// so the spans must not get one.
    /// </summary>
    [Fact]
    public async Task AFailedDatabaseCommandsSpanCarriesNoValueFromItsErrorMessage()
    {
        await using var host = new TracedHost(_collector.Url!);
        _ = host.CreateClient();
        var openId = "o-dup-" + Guid.NewGuid().ToString("N")[..16];
        var grzh = "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var db = host.Services.GetRequiredService<Fund.Data.FundDatabase>();
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        await using (var tx = await conn.BeginTransactionAsync())
        {
            const string insert = "INSERT INTO wechat_binding (openid, grzh, bound_at) VALUES (@openId, @grzh, UTC_TIMESTAMP())";
            await Dapper.SqlMapper.ExecuteAsync(conn, insert, new { openId, grzh }, tx);
            var duplicate = await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() =>
                Dapper.SqlMapper.ExecuteAsync(conn, insert, new { openId, grzh }, tx));
            Assert.Contains(openId, duplicate.Message); // what MariaDB says, and what must not leave the process
            await tx.RollbackAsync();
        }

        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        string Exported() => string.Concat(_collector.LogEntries.Select(e => Encoding.UTF8.GetString(e.RequestMessage.BodyAsBytes ?? [])));
        for (var i = 0; i < 100 && !Exported().Contains("INSERT INTO wechat_binding"); i++) await Task.Delay(100);
        var exported = Exported();

        Assert.Contains("INSERT INTO wechat_binding", exported); // the failed command's span went out
        Assert.DoesNotContain(openId, exported);
        Assert.DoesNotContain(grzh, exported);
        Assert.DoesNotContain("Duplicate entry", exported);
        Assert.Contains("1062", exported);                       // MariaDB's error number still says what went wrong
    }

    [Fact]
    public async Task WithoutAnEndpointNoTracerIsSetUp()
    {
        await using var host = new FundHostFactory();
        _ = host.CreateClient();
        Assert.Null(host.Services.GetService<TracerProvider>());
    }
}
