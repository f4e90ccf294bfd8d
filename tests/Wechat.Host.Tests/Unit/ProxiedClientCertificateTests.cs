using Fund.Core.OperatorCertificates;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Fund.Core.Accounts;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Host.Unit;

namespace Wechat.Host.Tests.Unit;

/// <summary>
/// The employer hall behind nginx: the operator's certificate arrives in X-Client-Cert, believed only from the
/// address in UnitHall:TrustedProxy. The test server has no TCP peer, so each request names its peer in a test-only
/// header that a filter in front of the whole pipeline turns into the connection's remote address.
/// </summary>
public class ProxiedClientCertificateTests : IAsyncLifetime
{
    private const string Proxy = "10.9.8.7";
    private const string PeerHeader = "X-Test-Peer";
    private const string Secret = "test-proxy-secret-0123456789abcdef0123";

    private readonly WebApplicationFactory<Program> _factory = new FundHostFactory
    {
        Overrides = { ["UnitHall:TrustedProxy"] = Proxy, ["UnitHall:ProxySecret"] = Secret },
    }.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>()));

    private string _operatorName = "";
    private string _certificateHeader = "";

    public async Task InitializeAsync()
    {
        var services = _factory.Services;
        var dwzh = "4115097" + Random.Shared.Next(0, 100_000).ToString("00000");
        await services.GetRequiredService<MySqlAccountStore>().UpsertEmployerAsync(
            new Employer(dwzh, "代理证书测试单位", "91411500MA4TEST003", AccountStatus.Normal, 0.12m, 0.12m), default);
        _operatorName = "代理测试专管员" + dwzh[^3..];
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var idNumber = first17 + Fund.Core.Validation.IdNumber.CheckCharacter(first17);
        var operatorId = await services.GetRequiredService<EmployerOperatorStore>().UpsertAsync(dwzh, _operatorName, idNumber,
            new PasswordHasher<string>().HashPassword(dwzh, "Unit@Test2026"), "test", default);
        // appsettings.Development.json's passphrase: the Development host created the CA with it at start-up.
        var issued = await services.GetRequiredService<CentreAuthority>().IssueAsync(operatorId, "dev-only-ca-passphrase", "test", default);
        using var cert = X509CertificateLoader.LoadPkcs12(issued.Pkcs12, issued.OneTimePassword);
        _certificateHeader = NginxEscaped(cert);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ACertificateHeaderFromAnyoneButTheTrustedProxyIsRefused()
    {
        var client = Client();
        foreach (var peer in new[] { "127.0.0.1", "10.9.8.8", "" })
        {
            using var forged = Request(HttpMethod.Get, "/unit", peer, _certificateHeader, "SUCCESS");
            var response = await client.SendAsync(forged);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(ProxiedClientCertificate.RefusedText, text);
            Assert.DoesNotContain(_operatorName, text);
        }
    }

    [Fact]
    public async Task TheTrustedAddressWithoutNginxsSecretIsRefusedToo()
    {
        // A local process that binds the proxy's address holds at most the operator's public certificate, not the
        // secret nginx adds (attack run: the address alone was enough).
        var client = Client();
        foreach (var secret in new string?[] { null, "", "wrong-secret-0123456789abcdef0123456", Secret + "x" })
        {
            using var request = Request(HttpMethod.Get, "/unit", Proxy, _certificateHeader, "SUCCESS", secret);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain(_operatorName, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task TheTrustedProxysVerifiedCertificateSignsTheOperatorInAndAllowsATransaction()
    {
        var client = Client();
        using var index = Request(HttpMethod.Get, "/unit", Proxy, _certificateHeader, "SUCCESS");
        var page = await (await client.SendAsync(index)).Content.ReadAsStringAsync();
        Assert.Contains($"<strong id=\"ca-subject\">{_operatorName}</strong>", page);

        using var signIn = Request(HttpMethod.Post, "/unit?handler=Certificate", Proxy, _certificateHeader, "SUCCESS");
        signIn.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", Token(page))]);
        var signedIn = await client.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/unit/home", signedIn.Headers.Location?.OriginalString);

        using var transaction = Request(HttpMethod.Get, "/unit/business/phone", Proxy, _certificateHeader, "SUCCESS");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(transaction)).StatusCode);

        // The same signed-in session without the certificate on this request: no transaction.
        using var withoutCertificate = Request(HttpMethod.Get, "/unit/business/phone", Proxy, null, null);
        var refused = await client.SendAsync(withoutCertificate);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/unit/denied", refused.Headers.Location?.PathAndQuery ?? refused.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheProxysHeaderIsIgnoredUnlessVerifiedAndFromTheCentresCa()
    {
        var client = Client();
        using var failed = Request(HttpMethod.Get, "/unit", Proxy, _certificateHeader, "FAILED:certificate has expired");
        Assert.DoesNotContain("ca-subject", await (await client.SendAsync(failed)).Content.ReadAsStringAsync());

        using var key = RSA.Create(2048);
        var selfMade = new CertificateRequest($"CN={_operatorName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var stranger = Request(HttpMethod.Get, "/unit", Proxy, NginxEscaped(selfMade), "SUCCESS");
        Assert.DoesNotContain("ca-subject", await (await client.SendAsync(stranger)).Content.ReadAsStringAsync());
    }

    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static HttpRequestMessage Request(HttpMethod method, string path, string peer, string? cert, string? verify,
        string? secret = Secret)
    {
        var request = new HttpRequestMessage(method, path);
        if (peer.Length > 0) request.Headers.Add(PeerHeader, peer);
        if (secret is not null) request.Headers.Add(ProxiedClientCertificate.SecretHeader, secret);
        if (cert is not null) request.Headers.Add(ProxiedClientCertificate.CertificateHeader, cert);
        if (verify is not null) request.Headers.Add(ProxiedClientCertificate.VerifyHeader, verify);
        return request;
    }

    /// <summary>nginx's $ssl_client_escaped_cert: the PEM, URL-encoded.</summary>
    private static string NginxEscaped(X509Certificate2 cert) => Uri.EscapeDataString(cert.ExportCertificatePem());

    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } t
            ? t
            : throw new InvalidOperationException("no antiforgery token on the page");

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextStep) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var ip) ? ip : null;
                context.Request.Headers.Remove(PeerHeader);
                return nextStep(context);
            });
            next(app);
        };
    }
}
