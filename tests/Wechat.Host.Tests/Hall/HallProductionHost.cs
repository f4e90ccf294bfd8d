using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Host.Tests.Simulator;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Wechat.Host.Tests.Hall;

/// <summary>
/// The Production host with its SMS gateway played by WireMock (so a test can read the code a citizen's phone would
/// receive) and each client's address taken from <c>X-Test-Address</c>, as a test server has no network peer.
/// </summary>
public sealed class HallProductionHost : ProductionHostFactory
{
    public const string Password = "Owner2026abc";

    private readonly WireMockServer gateway = WireMockServer.Start();

    public HallProductionHost()
    {
        gateway.Given(Request.Create().WithPath("/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        Overrides["Redis:KeyPrefix"] = "prod-hall-test";
    }

    /// <summary>A clock the test moves by hand in place of the system's, when set before the host starts.</summary>
    public TimeProvider? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            if (Clock is not null) services.AddSingleton(Clock);
            services.AddSingleton<IStartupFilter>(new TestAddresses());
            // Production wants an https:// gateway (sms.example.test); its requests go to WireMock's plain-HTTP port.
            services.AddHttpClient<global::Wechat.Host.Sms.HttpSmsSender>().AddHttpMessageHandler(() => new ToGateway(new Uri(gateway.Url!)));
        });
    }

    private sealed class ToGateway(Uri gateway) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.RequestUri = new Uri(gateway, "/send");
            return base.SendAsync(request, ct);
        }
    }

    private sealed class TestAddresses : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Address"], out var address)) context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A registered citizen (password <see cref="Password"/>), bound to a WeChat user when asked.</summary>
    public async Task<PersonalAccount> CitizenAsync()
    {
        _ = Server;
        var accounts = Get<MySqlAccountStore>();
        await accounts.UpsertEmployerAsync(new Employer("411509999996", "网厅测试单位", "91411500MA4TEST003", AccountStatus.Normal, 0.12m, 0.12m), default);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var account = new PersonalAccount
        {
            Grzh = "45" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"), Name = "网厅测试",
            IdNumber = first17 + IdNumber.CheckCharacter(first17), Phone = "135" + Random.Shared.Next(0, 99_999_999).ToString("00000000"),
            Dwzh = "411509999996", Status = AccountStatus.Normal, ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = 0m, PaidUpTo = new DateOnly(2026, 10, 1), OpenedOn = new DateOnly(2020, 1, 1),
        };
        await accounts.InsertAsync(account, default);
        var hasher = new PasswordHasher<string>();
        await Get<MySqlCitizenLoginStore>().TryRegisterAsync(new MySqlCitizenLoginStore.CitizenLogin(account.Grzh,
            hasher.HashPassword(account.Grzh, Password), "您的出生地？", hasher.HashPassword(account.Grzh, "信阳")), default);
        return account;
    }

    /// <summary>A browser of its own (cookies), from <paramref name="address"/>, over HTTPS as behind nginx; redirects not followed.</summary>
    public (HttpClient Client, CookieContainer Cookies) Browser(string address, CookieContainer? cookies = null)
    {
        _ = Server;
        cookies ??= new CookieContainer();
        var client = CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
        client.DefaultRequestHeaders.Add("X-Test-Address", address);
        return (client, cookies);
    }

    /// <summary>The newest code the gateway was asked to text to <paramref name="phone"/>.</summary>
    public string LatestCode(string phone)
    {
        foreach (var entry in gateway.LogEntries.Reverse())
        {
            using var json = JsonDocument.Parse(entry.RequestMessage.Body ?? "{}");
            if (json.RootElement.TryGetProperty("phone", out var p) && p.GetString() == phone
                && json.RootElement.GetProperty("params").TryGetProperty("code", out var code))
                return code.GetString()!;
        }
        throw new InvalidOperationException("no code sent to this phone");
    }

    public static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>Posts a form of <paramref name="page"/> (its antiforgery token read first) to <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string url, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = Token(await client.GetStringAsync(page));
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        gateway.Stop();
    }
}
