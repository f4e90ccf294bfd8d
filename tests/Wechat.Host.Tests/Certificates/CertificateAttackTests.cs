using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Host.Certificates;
using Wechat.Host.Tests.Simulator;
using static Wechat.Host.Tests.Certificates.CertificateClients;

namespace Wechat.Host.Tests.Certificates;

/// <summary>A Production host of its own (its own rate limiter), for a stranger guessing tokens.</summary>
public sealed class CertificateProductionHost : ProductionHostFactory;

/// <summary>Someone on the Internet hammers <c>/verify</c> with made-up tokens on the Production host.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CertificateAttackTests(CertificateProductionHost host) : IClassFixture<CertificateProductionHost>
{
    [Fact]
    public async Task GuessedTokensAreInvalidAndTheAddressIsStoppedAfterItsLimit()
    {
        var stranger = host.CreateDefaultClient(new Uri("https://localhost"));
        for (var i = 0; i < CertificatesExtensions.VerifyViewsPerMinute; i++)
        {
            var guess = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
            var response = await stranger.GetAsync("/verify/" + guess);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("无效", State(await response.Content.ReadAsStringAsync()));
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.GetAsync("/verify/anything")).StatusCode);
    }

    [Fact]
    public async Task TheProductionPdfLeadsToThePublicHttpsAddress()
    {
        _ = host.Server;
        var zhang = await CitizenAsync(host, "demo-openid-3", production: true);
        var serial = await IssueAsync(zhang, new() { ["Kind"] = "Deposit", ["Purpose"] = "Other" });
        var url = PdfReading.QrCode(await PdfAsync(zhang, serial));
        Assert.Matches("^https://fund\\.example\\.test/verify/[A-Za-z0-9_-]{40}$", url);
        Assert.DoesNotContain(serial, url);
    }
}
