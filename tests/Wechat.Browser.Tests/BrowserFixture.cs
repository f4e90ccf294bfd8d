using System.Net;
using System.Text.Json;
using Fund.Data;
using Fund.Data.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace Wechat.Browser.Tests;

/// <summary>One host process, one Chromium and the data services to make test citizens, shared by every test.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private HostProcess? host;
    private IHost? data;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public string BaseUrl => host!.BaseUrl;
    /// <summary>The employer hall's HTTPS port with client certificates (a free port, not Development's 5443).</summary>
    public string UnitHttpsUrl { get; } = $"https://127.0.0.1:{HostProcess.FreePort()}";
    internal T Get<T>() where T : notnull => data!.Services.GetRequiredService<T>();
    internal WechatStandIn Wechat { get; private set; } = null!;
    internal Citizens Citizens { get; private set; } = null!;
    internal MySqlAccountStore Accounts => data!.Services.GetRequiredService<MySqlAccountStore>();
    internal MySqlCitizenLoginStore Logins => data!.Services.GetRequiredService<MySqlCitizenLoginStore>();
    internal Fund.Core.Binding.IBindingStore Bindings => data!.Services.GetRequiredService<Fund.Core.Binding.IBindingStore>();
    internal MySqlBankCardStore Cards => data!.Services.GetRequiredService<MySqlBankCardStore>();
    internal MySqlMaterialStore Materials => data!.Services.GetRequiredService<MySqlMaterialStore>();
    internal MySqlApplicationStore Applications => data!.Services.GetRequiredService<MySqlApplicationStore>();
    internal MySqlLedgerStore Ledger => data!.Services.GetRequiredService<MySqlLedgerStore>();

    /// <summary>The whole ledger of an account, oldest first.</summary>
    internal async Task<IReadOnlyList<Fund.Core.Ledger.LedgerEntry>> LedgerAsync(string grzh)
    {
        var entries = new List<Fund.Core.Ledger.LedgerEntry>();
        foreach (var year in (await Ledger.GetYearsAsync(grzh, default)).Order()) entries.AddRange(await Ledger.GetYearAsync(grzh, year, default));
        return entries;
    }
    internal NotificationOutbox Outbox => data!.Services.GetRequiredService<NotificationOutbox>();
    internal AuditTrail Audit => data!.Services.GetRequiredService<AuditTrail>();
    private IDatabase Redis => data!.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    public async Task InitializeAsync()
    {
        // Expect(…) waits 5 s by default; on a busy CI machine a fetch-driven change (an SMS send's status, a
        // simulator reply) can take longer though nothing is wrong. A wrong page still fails, only later.
        Assertions.SetDefaultExpectTimeout(20_000);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Fund"] = HostProcess.Database,
            ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379",
            ["Fund:EncryptionKey"] = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
            ["Fund:BlindIndexKey"] = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        });
        builder.AddFundData();
        data = builder.Build();
        Citizens = ActivatorUtilities.CreateInstance<Citizens>(data.Services);

        Wechat = WechatStandIn.Start();
        host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            // Template messages and the JS-SDK ticket go to the stand-in; OAuth2 stays on the host's dev pages.
            ["Wechat__ApiBaseUrl"] = Wechat.Url,
            ["Wechat__Templates__WithdrawalApproved"] = WechatStandIn.ApprovedTemplate,
            ["Wechat__Templates__WithdrawalRejected"] = WechatStandIn.RejectedTemplate,
            ["Wechat__Templates__WithdrawalPaid"] = WechatStandIn.PaidTemplate,
            ["Wechat__Templates__LoanProgress"] = WechatStandIn.LoanTemplate,
            ["Wechat__Templates__AccountSecurity"] = "tmpl-account-security",
            ["Notifications__PollSeconds"] = "1",
            ["Wechat__Templates__ContributionReceived"] = WechatStandIn.ContributionTemplate,
            ["UnitHall__HttpsUrl"] = UnitHttpsUrl,
        });
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
        });
    }

    public const string WechatUserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) " +
                                          "Mobile/15E148 MicroMessenger/8.0.50(0x1800323d) NetType/WIFI Language/zh_CN";

    /// <summary>A phone's ordinary browser, not WeChat's.</summary>
    public const string PhoneBrowserUserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 " +
                                                "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    /// <summary>A phone-sized WeChat browser whose dev OAuth stand-in signs in as <paramref name="openId"/>.</summary>
    public Task<IPage> OpenAsync(string openId) => OpenAsync(openId, WechatUserAgent);

    /// <summary>The same with another browser: a phone outside WeChat, or the counter's desktop at 1280 px.</summary>
    public async Task<IPage> OpenAsync(string openId, string userAgent, bool desktop = false)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = desktop ? new ViewportSize { Width = 1280, Height = 800 } : new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = desktop ? 1 : 2,
            IsMobile = !desktop,
            HasTouch = !desktop,
            Locale = "zh-CN",
            UserAgent = userAgent,
        });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "dev_openid", Value = openId, Url = BaseUrl }]);
        return await context.NewPageAsync();
    }

    /// <summary>An HttpClient that keeps cookies and does not follow redirects, signed in to nothing yet.</summary>
    public (HttpClient Client, CookieContainer Cookies) HttpFor(string openId)
    {
        var cookies = new CookieContainer();
        cookies.Add(new Uri(BaseUrl), new System.Net.Cookie("dev_openid", openId));
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        return (client, cookies);
    }

    /// <summary>The JS-SDK ticket the host signs with: whatever its shared Redis cache holds for the dev AppId.</summary>
    public async Task<string> CachedJsapiTicketAsync() =>
        ((string?)await Redis.StringGetAsync("wechat:jsticket:wxdev0000000000001"))?.Split('|')[0]
        ?? throw new InvalidOperationException("no jsapi ticket cached");

    /// <summary>The newest code the dev outbox holds for this phone.</summary>
    public async Task<string> LatestCodeAsync(string phone)
    {
        foreach (var item in await Redis.ListRangeAsync("dev:sms:outbox", 0, 50))
        {
            using var json = JsonDocument.Parse(item.ToString());
            if (json.RootElement.GetProperty("Phone").GetString() == phone && json.RootElement.GetProperty("Code").GetString() is { Length: > 0 } code)
                return code;
        }
        throw new InvalidOperationException("no code in the outbox for this phone");
    }

    /// <summary>
    /// Lets the next code to <paramref name="phone"/> go out at once, as the 60 seconds between two codes to one phone
    /// would: a hall sign-in on a new browser and a withdrawal's proof both text the phone on record within a test.
    /// Only that phone's minute: other tests sharing this Redis assert that theirs holds (a code asked for too soon).
    /// </summary>
    public Task LiftSmsCooldownAsync(string phone) => Redis.KeyDeleteAsync(SmsCooldownKey(phone));

    /// <summary>
    /// The key Wechat.Host's <c>SmsCodes.CooldownKey</c> gives a phone (this assembly does not reference the host's):
    /// <c>h5:sms:cooldown:</c> and the first 24 hex digits of the phone's blind index. Were the two to differ, the
    /// hall tests' second code in a minute would be refused and they would fail.
    /// </summary>
    private string SmsCooldownKey(string phone) =>
        "h5:sms:cooldown:" + Convert.ToHexStringLower(Get<Fund.Data.Security.SensitiveData>()
            .BlindIndex(Fund.Data.Security.SensitiveField.Phone, phone.Trim()))[..24];

    /// <summary>
    /// Lets the next sign-in post through, as a minute would: every page of the suite comes from 127.0.0.1, whose ten
    /// hall password posts a minute the suite's sign-ins would soon use up.
    /// </summary>
    public async Task LiftSignInPostLimitsAsync()
    {
        var multiplexer = data!.Services.GetRequiredService<IConnectionMultiplexer>();
        foreach (var endpoint in multiplexer.GetEndPoints())
            foreach (var key in multiplexer.GetServer(endpoint).Keys(pattern: "h5:signin:posts:hall:*"))
                await Redis.KeyDeleteAsync(key);
    }

    /// <summary>
    /// Stops the page's clock (Playwright's fake timers and Date): its timers fire only when the test runs the clock
    /// on (<c>page.Clock.RunForAsync</c>). Installed a minute behind and paused at the real time, as Playwright
    /// advises, so the pause never lands before the clock's own now however long the install took.
    /// </summary>
    public static async Task PauseClockAsync(IPage page)
    {
        var now = DateTime.UtcNow;
        await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = now.AddMinutes(-1) });
        await page.Clock.PauseAtAsync(now);
    }

    /// <summary>A desktop browser (1366×768, a plain Chrome on Windows, no WeChat and no OpenID) for the personal web hall.</summary>
    public async Task<IPage> OpenDesktopAsync()
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "zh-CN",
            UserAgent = DesktopUserAgent,
        });
        return await context.NewPageAsync();
    }

    public const string DesktopUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>The texts without a code (notices) the dev outbox holds for this phone, newest first.</summary>
    public async Task<IReadOnlyList<string>> TextsToAsync(string phone)
    {
        var texts = new List<string>();
        foreach (var item in await Redis.ListRangeAsync("dev:sms:outbox", 0, 99))
        {
            using var json = JsonDocument.Parse(item.ToString());
            if (json.RootElement.GetProperty("Phone").GetString() == phone && json.RootElement.GetProperty("Code").GetString() == "")
                texts.Add(json.RootElement.GetProperty("Body").GetString()!);
        }
        return texts;
    }

    /// <summary>
    /// Puts a message in the simulator's inbox of <paramref name="openId"/> as the host's WeChat API stand-in would
    /// (<c>dev:chat:{openid}</c>, ids from <c>dev:chat:{openid}:seq</c>); <paramref name="json"/> lacks only the id.
    /// </summary>
    public async Task PushToSimulatorAsync(string openId, string json)
    {
        var id = await Redis.StringIncrementAsync($"dev:chat:{openId}:seq");
        await Redis.ListRightPushAsync($"dev:chat:{openId}", $"{{\"Id\":{id},{json.TrimStart().TrimStart('{')}");
    }

    /// <summary>A browser context of the shared Chromium with options of the caller's (the employer hall's desktop, a certificate).</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options) => browser!.NewContextAsync(options);

    /// <summary>
    /// A Chromium of its own with a profile on disk, for what an incognito context cannot do (Chromium refuses to
    /// install a web app from one: installability error <c>in-incognito</c>). The caller closes it, which ends it.
    /// </summary>
    public async Task<IBrowserContext> LaunchProfileAsync(BrowserTypeLaunchPersistentContextOptions options)
    {
        var profile = Path.Combine(Path.GetTempPath(), "wechatfund-profile-" + Guid.NewGuid().ToString("N"));
        options.ExecutablePath = "/usr/bin/chromium";
        options.Headless = true;
        options.Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run"];
        var context = await playwright!.Chromium.LaunchPersistentContextAsync(profile, options);
        context.Close += (_, _) => { try { Directory.Delete(profile, recursive: true); } catch (IOException) { } };
        return context;
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HostProcess.ArtifactsDirectory(), name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (host is not null) await host.DisposeAsync();
        Wechat?.Dispose();
        data?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
