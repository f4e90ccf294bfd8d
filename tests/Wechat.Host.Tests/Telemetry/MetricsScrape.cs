using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Wechat.Host.Tests.Telemetry;

/// <summary>A host whose test requests may say which peer they come from (the test server has none of its own).</summary>
public class PeerHost : FundHostFactory
{
    public const string PeerHeader = "X-Test-Peer";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    /// <summary>A client as Prometheus on the same machine: connected from loopback, no forwarding header.</summary>
    public HttpClient Scraper()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.DefaultRequestHeaders.Add(PeerHeader, "127.0.0.1");
        return client;
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextStep) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var ip)) context.Connection.RemoteIpAddress = ip;
                context.Request.Headers.Remove(PeerHeader);
                return nextStep(context);
            });
            next(app);
        };
    }
}

/// <summary>Reads values out of the Prometheus text format.</summary>
public static class MetricsScrape
{
    public static async Task<string> ReadAsync(HttpClient scraper)
    {
        var response = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the series named <paramref name="name"/> that carry every one of <paramref name="labels"/>; 0 when none.</summary>
    public static double Value(string text, string name, params (string Label, string Value)[] labels)
    {
        double sum = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal)) continue;
            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' ')) continue;
            var labelPart = rest[0] == '{' ? rest[..(rest.IndexOf('}') + 1)] : "";
            if (!labels.All(l => labelPart.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal))) continue;
            var value = rest[labelPart.Length..].Trim().Split(' ')[0];
            sum += double.Parse(value, CultureInfo.InvariantCulture);
        }
        return sum;
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the exporter caches a scrape briefly), at most 15 s; the last text.</summary>
    public static async Task<string> UntilAsync(HttpClient scraper, Func<string, bool> done)
    {
        var text = "";
        for (var i = 0; i < 60; i++)
        {
            text = await ReadAsync(scraper);
            if (done(text)) return text;
            await Task.Delay(250);
        }
        return text;
    }
}
