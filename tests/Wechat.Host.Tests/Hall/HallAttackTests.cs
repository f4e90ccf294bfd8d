using System.Net;
using Fund.Core.Security;
using Wechat.Host.H5;
using static Wechat.Host.Tests.Hall.HallProductionHost;

namespace Wechat.Host.Tests.Hall;

/// <summary>
/// The personal web hall attacked on the Production host: no OpenID anchors anyone here, so password, phone,
/// session and remembered browser must each hold on their own.
/// </summary>
public sealed class HallAttackTests(HallProductionHost host) : IClassFixture<HallProductionHost>
{
    private static string NewAddress() => $"203.0.113.{Random.Shared.Next(1, 255)}";

    private static Dictionary<string, string> Credentials(string accountOrId, string password) =>
        new() { ["AccountOrId"] = accountOrId, ["Password"] = password };

    private static async Task<string> PasswordStepAsync(HttpClient client, string accountOrId, string password) =>
        await (await PostAsync(client, "/hall/login", "/hall/login", Credentials(accountOrId, password))).Content.ReadAsStringAsync();

    /// <summary>Password and the code from the phone: a signed-in hall session in this client.</summary>
    private async Task SignInAsync(HttpClient client, Fund.Core.Accounts.PersonalAccount account, bool remember = true)
    {
        var html = await PasswordStepAsync(client, account.Grzh, Password);
        Assert.Contains("id=\"new-browser\"", html);
        var verified = await PostAsync(client, "/hall/login", "/hall/login?handler=Code", new()
        {
            ["Code"] = host.LatestCode(account.Phone), ["RememberBrowser"] = remember ? "true" : "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal("/hall", verified.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PasswordSprayingAcrossAccountsFromOneAddressIsStoppedBeforeTheRightPasswordIsTried()
    {
        // The ten password posts a minute per address would stop the spray first: a host whose failure limit per
        // address lies below them shows that limit on its own.
        const int failuresPerAddress = 8;
        await using var host = new HallProductionHost();
        host.Overrides["SignIn:FailuresPerAddress"] = failuresPerAddress.ToString();
        var victims = new List<Fund.Core.Accounts.PersonalAccount>();
        for (var i = 0; i < 3; i++) victims.Add(await host.CitizenAsync());
        var target = await host.CitizenAsync();
        var address = NewAddress();
        // One common password against many accounts (real and made up), each from a fresh browser on one address.
        var answers = new List<string>();
        for (var i = 0; i < failuresPerAddress; i++)
        {
            var key = i < victims.Count ? victims[i].Grzh : "45" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");
            answers.Add(await PasswordStepAsync(host.Browser(address).Client, key, "Spring2026abc"));
        }
        Assert.All(answers, a => Assert.Contains(SignInMessages.WrongLoginWithTries(4), a));

        // Now even the right password from that address is not tried, and nothing is sent to the phone.
        var refused = await PasswordStepAsync(host.Browser(address).Client, target.Grzh, Password);
        Assert.Contains(SignInMessages.ClientLimited, refused);
        Assert.DoesNotContain("new-browser", refused);
        // The accounts themselves are not locked by someone else's spraying: their owner elsewhere goes on.
        var owner = await PasswordStepAsync(host.Browser(NewAddress()).Client, victims[0].Grzh, Password);
        Assert.Contains("id=\"new-browser\"", owner);
    }

    [Fact]
    public async Task AStolenPasswordWithoutThePhoneOpensNoSession()
    {
        var victim = await host.CitizenAsync();
        var (thief, _) = host.Browser(NewAddress());
        Assert.Contains("id=\"new-browser\"", await PasswordStepAsync(thief, victim.IdNumber, Password));

        // Guessing the code: five wrong tries kill it, so the sixth fails even with the right code.
        for (var i = 0; i < 5; i++)
        {
            var wrong = await PostAsync(thief, "/hall/login", "/hall/login?handler=Code", new() { ["Code"] = $"{i:000000}" });
            Assert.Contains("短信验证码错误或已失效", await wrong.Content.ReadAsStringAsync());
        }
        var late = await PostAsync(thief, "/hall/login", "/hall/login?handler=Code", new() { ["Code"] = host.LatestCode(victim.Phone) });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var account = await thief.GetAsync("/hall/account");
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.StartsWith("/hall/login", account.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ASessionReplayedAfterSignOutIsRefused()
    {
        var citizen = await host.CitizenAsync();
        var (client, cookies) = host.Browser(NewAddress());
        await SignInAsync(client, citizen);
        var session = cookies.GetCookies(new Uri("https://localhost"))["__Host-hall_sid"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hall/account")).StatusCode);

        var signOut = await PostAsync(client, "/hall/account", "/hall/logout", []);
        Assert.Equal("/hall/login?notice=signedout", signOut.Headers.Location!.OriginalString);

        var replay = new CookieContainer();
        replay.Add(new Uri("https://localhost"), new Cookie(session.Name, session.Value, "/", "localhost") { Secure = true });
        var (thief, _) = host.Browser(NewAddress(), replay);
        var answer = await thief.GetAsync("/hall/account");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/hall/login", answer.Headers.Location!.OriginalString);
        Assert.Null(await host.Get<H5SessionStore>().GetHallAsync(session.Value));
    }

    [Fact]
    public async Task ARememberedBrowserCookieCopiedToAnotherBrowserAfterItWasRevokedStillNeedsTheCode()
    {
        var citizen = await host.CitizenAsync();
        var (owner, ownerCookies) = host.Browser(NewAddress());
        await SignInAsync(owner, citizen, remember: true);
        var remembered = ownerCookies.GetCookies(new Uri("https://localhost"))["__Host-hall_browser"]!;

        // 设置 lists the browser; the owner revokes it.
        var settings = await owner.GetStringAsync("/hall/settings");
        var id = System.Text.RegularExpressions.Regex.Match(settings, "name=\"id\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(id);
        var forget = await PostAsync(owner, "/hall/settings", "/hall/settings?handler=Forget", new() { ["id"] = id });
        Assert.Equal(HttpStatusCode.Redirect, forget.StatusCode);
        Assert.DoesNotContain(id, await owner.GetStringAsync("/hall/settings"));

        // The copy in another browser, with the password: the phone is asked for all the same.
        var copied = new CookieContainer();
        copied.Add(new Uri("https://localhost"), new Cookie(remembered.Name, remembered.Value, "/", "localhost") { Secure = true });
        var (thief, _) = host.Browser(NewAddress(), copied);
        var html = await PasswordStepAsync(thief, citizen.Grzh, Password);
        Assert.Contains("id=\"new-browser\"", html);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/hall/account")).StatusCode);
    }

    [Fact]
    public async Task ARememberedBrowserSkipsTheCodeOnlyForItsOwnAccountAndATamperedCookieCountsForNothing()
    {
        var citizen = await host.CitizenAsync();
        var other = await host.CitizenAsync();
        var (client, cookies) = host.Browser(NewAddress());
        await SignInAsync(client, citizen, remember: true);
        await PostAsync(client, "/hall/account", "/hall/logout", []);

        // The same browser, another account: its cookie names the first account only.
        Assert.Contains("id=\"new-browser\"", await PasswordStepAsync(client, other.Grzh, Password));
        var (again, _) = host.Browser(NewAddress(), cookies);
        await again.GetAsync("/hall/login?restart=true");
        var back = await PostAsync(again, "/hall/login", "/hall/login", Credentials(citizen.Grzh, Password));
        Assert.Equal("/hall", back.Headers.Location!.OriginalString);

        var remembered = cookies.GetCookies(new Uri("https://localhost"))["__Host-hall_browser"]!;
        var tampered = new CookieContainer();
        tampered.Add(new Uri("https://localhost"), new Cookie(remembered.Name, remembered.Value[..^2] + "AA", "/", "localhost") { Secure = true });
        Assert.Contains("id=\"new-browser\"", await PasswordStepAsync(host.Browser(NewAddress(), tampered).Client, citizen.Grzh, Password));
    }

    [Fact]
    public async Task AHallSessionLivesFifteenIdleMinutesAndAnH5CookieOfItIsRefused()
    {
        var citizen = await host.CitizenAsync();
        var (client, cookies) = host.Browser(NewAddress());
        await SignInAsync(client, citizen);
        var id = cookies.GetCookies(new Uri("https://localhost"))["__Host-hall_sid"]!.Value;
        var session = (await host.Get<H5SessionStore>().GetHallAsync(id))!;
        Assert.Equal(citizen.Grzh, session.Grzh);
        var ttl = await host.Get<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase().KeyTimeToLiveAsync("h5:session:" + session.Handle);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));

        // The same id presented as an H5 session cookie is no H5 session.
        var h5 = new CookieContainer();
        h5.Add(new Uri("https://localhost"), new Cookie("__Host-h5_sid", id, "/", "localhost") { Secure = true });
        var answer = await host.Browser(NewAddress(), h5).Client.GetAsync("/h5/account");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.DoesNotContain("/h5/account", answer.Headers.Location!.OriginalString.Split('?')[0]);
    }

    [Fact]
    public async Task TheHallsPasswordPostIsLimitedPerAddress()
    {
        var citizen = await host.CitizenAsync();
        // An address range of its own, so the other tests' random addresses never meet the limit this one reaches.
        var address = $"192.0.2.{Random.Shared.Next(1, 255)}";
        for (var i = 0; i < SignInRules.PostsPerAddress.Max; i++)
        {
            var madeUp = "45" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");
            var answer = await PostAsync(host.Browser(address).Client, "/hall/login", "/hall/login", Credentials(madeUp, "Spring2026abc"));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        var refused = await PostAsync(host.Browser(address).Client, "/hall/login", "/hall/login", Credentials(citizen.Grzh, Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // Another address is not held back.
        Assert.Contains("id=\"new-browser\"", await PasswordStepAsync(host.Browser(NewAddress()).Client, citizen.Grzh, Password));
    }

    [Theory]
    [InlineData("/hall/../evil")]
    [InlineData("/hall/%2e%2e/evil")]
    [InlineData("/hall/%2E%2e/evil")]
    [InlineData("/hall/.%2e/evil")]
    [InlineData("/hall/x/../../evil")]
    [InlineData("/hall/..")]
    [InlineData("/hall\\..\\evil")]
    [InlineData("/hall/%5c..%5cevil")]
    public async Task TheReturnUrlNeverLeavesTheHall(string returnUrl)
    {
        var citizen = await host.CitizenAsync();
        var (client, _) = host.Browser(NewAddress());
        await SignInAsync(client, citizen);
        var answer = await client.GetAsync("/hall/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/hall", answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnOwnReturnUrlIsStillFollowed()
    {
        var citizen = await host.CitizenAsync();
        var (client, _) = host.Browser(NewAddress());
        await SignInAsync(client, citizen);
        var answer = await client.GetAsync("/hall/login?returnUrl=" + Uri.EscapeDataString("/hall/account?tab=1"));
        Assert.Equal("/hall/account?tab=1", answer.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/hall/login")]
    [InlineData("/hall/account")]
    [InlineData("/hall/tools/outlets")]
    public async Task TheHallRefusesToBeFramedByAnotherSite(string path)
    {
        var (client, _) = host.Browser(NewAddress());
        var response = await client.GetAsync(path);
        Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task HallCookiesAreHostOnlySecureAndStrict()
    {
        var (client, _) = host.Browser(NewAddress());
        var response = await client.GetAsync("/hall/login");
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-hall_sid=", StringComparison.Ordinal));
        Assert.Contains("secure", session);
        Assert.Contains("samesite=strict", session);
        Assert.Contains("httponly", session);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }
}
