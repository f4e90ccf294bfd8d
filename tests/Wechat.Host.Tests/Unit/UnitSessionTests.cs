using Fund.Core.OperatorCertificates;
using System.Net;
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
using Wechat.Host.Tests.Security;
using Wechat.Host.Unit;

namespace Wechat.Host.Tests.Unit;

/// <summary>
/// An employer-hall cookie is re-checked on every request, as the counter's is: an operator disabled at the counter,
/// given a new password or whose certificate was revoked loses the hall at the next click, and no cookie outlives
/// its absolute lifetime however busy it is (the attack kept names and balances with a disabled operator's cookie).
/// </summary>
public sealed class UnitSessionTests : IAsyncLifetime
{
    private const string Proxy = "10.9.8.17";
    private const string PeerHeader = "X-Test-Peer";
    private const string Secret = "test-proxy-secret-0123456789abcdef0456";
    private const string Password = "Unit@Test2026";

    private readonly ClockedHost host = new()
    {
        Overrides = { ["UnitHall:TrustedProxy"] = Proxy, ["UnitHall:ProxySecret"] = Secret },
    };

    private string dwzh = "", idNumber = "", certificateHeader = "", serial = "";
    private long operatorId;

    public async Task InitializeAsync()
    {
        var services = host.Services;
        dwzh = "4115096" + Random.Shared.Next(0, 100_000).ToString("00000");
        await services.GetRequiredService<MySqlAccountStore>().UpsertEmployerAsync(
            new Employer(dwzh, "会话复核测试单位", "91411500MA4TEST004", AccountStatus.Normal, 0.12m, 0.12m), default);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        idNumber = first17 + Fund.Core.Validation.IdNumber.CheckCharacter(first17);
        operatorId = await services.GetRequiredService<EmployerOperatorStore>().UpsertAsync(dwzh, "会话测试专管员", idNumber,
            new PasswordHasher<string>().HashPassword(dwzh, Password), "test", default);
        var issued = await services.GetRequiredService<CentreAuthority>().IssueAsync(operatorId, "dev-only-ca-passphrase", "test", default);
        using var cert = X509CertificateLoader.LoadPkcs12(issued.Pkcs12, issued.OneTimePassword);
        certificateHeader = Uri.EscapeDataString(cert.ExportCertificatePem());
        serial = cert.SerialNumber;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private HttpClient Client() => host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private HttpRequestMessage Request(HttpMethod method, string path, bool certificate)
    {
        var request = new HttpRequestMessage(method, path);
        if (!certificate) return request;
        request.Headers.Add(PeerHeader, Proxy);
        request.Headers.Add(ProxiedClientCertificate.SecretHeader, Secret);
        request.Headers.Add(ProxiedClientCertificate.CertificateHeader, certificateHeader);
        request.Headers.Add(ProxiedClientCertificate.VerifyHeader, "SUCCESS");
        return request;
    }

    private async Task<HttpClient> SignedInAsync(bool certificate)
    {
        var client = Client();
        using var get = Request(HttpMethod.Get, "/unit", certificate);
        var page = await (await client.SendAsync(get)).Content.ReadAsStringAsync();
        using var post = Request(HttpMethod.Post, certificate ? "/unit?handler=Certificate" : "/unit", certificate);
        post.Content = new FormUrlEncodedContent(certificate
            ? [new("__RequestVerificationToken", Token(page))]
            : [new("Dwzh", dwzh), new("IdNumber", idNumber), new("Password", Password), new("__RequestVerificationToken", Token(page))]);
        var signedIn = await client.SendAsync(post);
        Assert.Equal("/unit/home", signedIn.Headers.Location?.OriginalString);
        Assert.True(await IsInAsync(client, certificate));
        return client;
    }

    private async Task<bool> IsInAsync(HttpClient client, bool certificate)
    {
        using var request = Request(HttpMethod.Get, "/unit/employees", certificate);
        var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    [Fact]
    public async Task ADisabledOperatorLosesTheHallAtTheNextRequest()
    {
        var client = await SignedInAsync(certificate: false);
        var operators = host.Services.GetRequiredService<EmployerOperatorStore>();
        await operators.SetActiveAsync(operatorId, false, "test", default);
        Assert.False(await IsInAsync(client, false));
        // Enabled again, the old cookie stays dead: it was deleted, and its stamp is no longer the operator's.
        await operators.SetActiveAsync(operatorId, true, "test", default);
        Assert.False(await IsInAsync(client, false));
        var audit = await host.Services.GetRequiredService<AuditTrail>().ForTargetAsync(EmployerOperatorStore.Target(operatorId), default);
        Assert.Contains(audit, a => a.Actor == EmployerOperatorStore.Actor(operatorId) && a.Action == "operator.session-refused");
    }

    [Fact]
    public async Task ANewPasswordSignsEveryOtherSessionOut()
    {
        var client = await SignedInAsync(certificate: false);
        await host.Services.GetRequiredService<EmployerOperatorStore>().SetPasswordAsync(operatorId,
            new PasswordHasher<string>().HashPassword(dwzh, "Unit@New2026"), "test", default);
        Assert.False(await IsInAsync(client, false));
    }

    [Fact]
    public async Task ARevokedCertificateEndsItsSessionEvenForQueryPages()
    {
        var client = await SignedInAsync(certificate: true);
        Assert.True(await host.Services.GetRequiredService<CertificateStore>().RevokeAsync(serial, "test", default));
        Assert.False(await IsInAsync(client, true));
    }

    [Fact]
    public async Task NoCookieOutlivesItsAbsoluteLifetimeHoweverBusy()
    {
        var client = await SignedInAsync(certificate: false);
        // A request every 25 minutes keeps the sliding 30 minutes alive for nine and a half hours …
        for (var i = 0; i < 23; i++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(25));
            Assert.True(await IsInAsync(client, false), $"after {(i + 1) * 25} minutes");
        }
        // … but not past ten hours after signing in.
        host.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.False(await IsInAsync(client, false));
    }

    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } t
            ? t
            : throw new InvalidOperationException("no antiforgery token on the page");

    private sealed class ClockedHost : FundHostFactory
    {
        public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                s.AddSingleton<IStartupFilter, PeerFromHeader>();
            });
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
