using System.Net;
using System.Security.Cryptography;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.Extensions.DependencyInjection;
using Fund.Core.Certificates;
using StackExchange.Redis;
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
        // The test server has no client address ("unknown"): start that address's count afresh.
        await host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().KeyDeleteAsync("certificate:verify:unknown");
        for (var i = 0; i < new CertificateOptions().VerifyViewsPerMinute; i++)
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
        // The demo set is encrypted under the Development key: a citizen of this host's own.
        var accounts = host.Services.GetRequiredService<MySqlAccountStore>();
        await accounts.UpsertEmployerAsync(new Employer("411509999996", "证明测试单位", "91411500MA4TEST003", AccountStatus.Normal, 0.12m, 0.12m), default);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var account = new PersonalAccount
        {
            Grzh = "47" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"), Name = "证明测试",
            IdNumber = first17 + IdNumber.CheckCharacter(first17), Phone = "139" + Random.Shared.Next(0, 99_999_999).ToString("00000000"),
            Dwzh = "411509999996", Status = AccountStatus.Normal, ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = 0m, PaidUpTo = new DateOnly(2026, 10, 1), OpenedOn = new DateOnly(2020, 1, 1),
        };
        await accounts.InsertAsync(account, default);
        var openId = "cert-" + Guid.NewGuid().ToString("N")[..20];
        await host.Services.GetRequiredService<IBindingStore>().BindAsync(openId, account.Grzh, default);
        var zhang = await CitizenAsync(host, openId, production: true);
        var serial = await IssueAsync(zhang, new() { ["Kind"] = "Deposit", ["Purpose"] = "Other" });
        var url = PdfReading.QrCode(await PdfAsync(zhang, serial));
        Assert.Matches("^https://fund\\.example\\.test/verify/[A-Za-z0-9_-]{40}$", url);
        Assert.DoesNotContain(serial, url);
        var text = PdfReading.Text(await PdfAsync(zhang, serial));
        Assert.Contains(Mask.IdNumber(account.IdNumber), text);
        Assert.DoesNotContain(account.IdNumber, text);
    }
}
