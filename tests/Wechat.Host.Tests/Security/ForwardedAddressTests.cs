using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Wechat.Host.Tests.Security;

/// <summary>
/// X-Forwarded-For is believed only from the proxies in ForwardedHeaders:KnownProxies: the attack found any local
/// process (a loopback caller) could pick the address the per-address limits count.
/// </summary>
public sealed class ForwardedAddressTests
{
    private const string PeerHeader = "X-Test-Peer";

    private static async Task<List<HttpStatusCode>> TwelveSignInsFromAsync(string peer, string knownProxies)
    {
        await using var host = new PeerHost { Overrides = { ["ForwardedHeaders:KnownProxies"] = knownProxies } };
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        var html = await client.GetStringAsync("/counter/login");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            // Every try claims another client address.
            using var post = new HttpRequestMessage(HttpMethod.Post, "/counter/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Username"] = "nobody" + Guid.NewGuid().ToString("N")[..8], ["Password"] = "Wrong-Guess-2026", ["__RequestVerificationToken"] = token,
                }),
            };
            post.Headers.Remove("X-Forwarded-For");
            post.Headers.Add("X-Forwarded-For", FundHostFactory.ClientAddress());
            statuses.Add((await client.SendAsync(post)).StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task ALoopbackCallerThatIsNoConfiguredProxyCannotPickItsAddress()
    {
        // A loopback peer unique to this run, so earlier runs' counts do not meet it.
        var peer = $"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";
        var statuses = await TwelveSignInsFromAsync(peer, knownProxies: "");
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task AConfiguredProxyIsBelieved()
    {
        var proxy = $"10.77.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";
        var statuses = await TwelveSignInsFromAsync(proxy, knownProxies: proxy);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    private sealed class PeerHost : FundHostFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>());
        }
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
