using System.Net;
using Fund.Core.Accounts;
using static Wechat.Host.Tests.Hall.HallProductionHost;

namespace Wechat.Host.Tests.Hall;

/// <summary>
/// What ends a hall session besides 退出 and 15 idle minutes: a password change, a proven reset, a phone change, the
/// removal of its browser in 设置, and an absolute lifetime. Browsers A and B are both signed in to one account.
/// </summary>
public sealed class HallSessionEndTests(HallProductionHost host) : IClassFixture<HallProductionHost>
{
    private static string NewAddress() => $"198.51.100.{Random.Shared.Next(1, 255)}";

    /// <summary>
    /// Lets the minute between two codes to <paramref name="phone"/> pass (the second browser signs in at once); other
    /// phones' minutes stay, as tests elsewhere sharing this Redis assert on theirs. The host's own connection adds its
    /// key prefix.
    /// </summary>
    private static Task LetTheCooldownPassAsync(HallProductionHost host, string phone) =>
        host.Get<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase()
            .KeyDeleteAsync(global::Wechat.Host.Sms.SmsCodes.CooldownKey(host.Get<Fund.Data.Security.SensitiveData>(), phone));

    internal static async Task SignInAsync(HallProductionHost host, HttpClient client, PersonalAccount account, string password = Password)
    {
        await LetTheCooldownPassAsync(host, account.Phone);
        var html = await (await PostAsync(client, "/hall/login", "/hall/login", new() { ["AccountOrId"] = account.Grzh, ["Password"] = password }))
            .Content.ReadAsStringAsync();
        Assert.Contains("id=\"new-browser\"", html);
        var verified = await PostAsync(client, "/hall/login", "/hall/login?handler=Code", new()
        {
            ["Code"] = host.LatestCode(account.Phone), ["RememberBrowser"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal("/hall", verified.Headers.Location!.OriginalString);
    }

    internal static async Task AssertSignedOutAsync(HttpClient client)
    {
        var answer = await client.GetAsync("/hall/account");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/hall/login", answer.Headers.Location!.OriginalString);
    }

    private async Task<(PersonalAccount Citizen, HttpClient A, HttpClient B)> TwoBrowsersAsync()
    {
        var citizen = await host.CitizenAsync();
        var (a, _) = host.Browser(NewAddress());
        var (b, _) = host.Browser(NewAddress());
        await SignInAsync(host, a, citizen);
        await SignInAsync(host, b, citizen);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/hall/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/hall/account")).StatusCode);
        return (citizen, a, b);
    }

    [Fact]
    public async Task APasswordChangeEndsTheOtherBrowsersSessionButNotTheActingOne()
    {
        var (_, a, b) = await TwoBrowsersAsync();
        var changed = await PostAsync(a, "/hall/settings/password", "/hall/settings/password", new()
        {
            ["OldPassword"] = Password, ["NewPassword"] = "Changed2026xyz", ["ConfirmPassword"] = "Changed2026xyz",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("密码", await changed.Content.ReadAsStringAsync());

        await AssertSignedOutAsync(b);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/hall/account")).StatusCode);
    }

    [Fact]
    public async Task RemovingABrowserInSettingsEndsThatBrowsersSession()
    {
        var (_, a, b) = await TwoBrowsersAsync();
        // B's browser is the one B's own 设置 marks 当前浏览器; A removes it.
        var seenByB = await b.GetStringAsync("/hall/settings");
        var id = System.Text.RegularExpressions.Regex.Match(seenByB, "当前浏览器.*?name=\"id\" value=\"([^\"]+)\"",
            System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.NotEmpty(id);
        var forget = await PostAsync(a, "/hall/settings", "/hall/settings?handler=Forget", new() { ["id"] = id });
        Assert.Equal(HttpStatusCode.Redirect, forget.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/hall/account")).StatusCode);
        await AssertSignedOutAsync(b);
    }

    [Fact]
    public async Task AProvenResetEndsEverySessionOfTheAccount()
    {
        var (citizen, a, b) = await TwoBrowsersAsync();
        var (c, _) = host.Browser(NewAddress());
        await LetTheCooldownPassAsync(host, citizen.Phone);
        var identity = new Dictionary<string, string> { ["Name"] = citizen.Name, ["IdNumber"] = citizen.IdNumber, ["Phone"] = citizen.Phone };
        await PostAsync(c, "/hall/reset-password", "/hall/reset-password?handler=SendCode", new(identity));
        var proven = await PostAsync(c, "/hall/reset-password", "/hall/reset-password?handler=Identity",
            new(identity) { ["Code"] = host.LatestCode(citizen.Phone) });
        Assert.Equal(HttpStatusCode.Redirect, proven.StatusCode);
        var finished = await PostAsync(c, "/hall/reset-password", "/hall/reset-password?handler=Finish", new()
        {
            ["Answer"] = "信阳", ["Password"] = "Reset2026xyz", ["ConfirmPassword"] = "Reset2026xyz",
        });
        Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);

        await AssertSignedOutAsync(a);
        await AssertSignedOutAsync(b);
    }

    [Fact]
    public async Task APhoneChangeEndsTheOtherBrowsersSessionButNotTheActingOne()
    {
        var (_, a, b) = await TwoBrowsersAsync();
        var newPhone = "136" + Random.Shared.Next(0, 99_999_999).ToString("00000000");
        await PostAsync(a, "/hall/settings/phone", "/hall/settings/phone?handler=SendCode", new() { ["NewPhone"] = newPhone });
        var changed = await PostAsync(a, "/hall/settings/phone", "/hall/settings/phone?handler=Change", new()
        {
            ["NewPhone"] = newPhone, ["Code"] = host.LatestCode(newPhone), ["Password"] = Password,
        });
        Assert.Contains("手机号已变更", await changed.Content.ReadAsStringAsync());

        await AssertSignedOutAsync(b);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/hall/account")).StatusCode);
    }

    [Fact]
    public async Task AHallSessionEndsAtItsAbsoluteLifetimeHoweverBusy()
    {
        // The hall's clock is moved by hand: a slow machine's first requests must not eat a lifetime of real seconds.
        var clock = new global::Wechat.Host.Tests.Security.ManualClock(DateTimeOffset.UtcNow);
        await using var shortLived = new HallProductionHost { Clock = clock };
        shortLived.Overrides["Hall:SessionAbsoluteLifetime"] = "01:00:00";
        var citizen = await shortLived.CitizenAsync();
        var (client, _) = shortLived.Browser(NewAddress());
        await SignInAsync(shortLived, client, citizen);
        // Busy all hour: a request at minutes 0, 10, … 50 and 59, each well inside the 15 idle minutes; at 61 it is over.
        var minute = 0;
        foreach (var at in new[] { 0, 10, 20, 30, 40, 50, 59 })
        {
            clock.Advance(TimeSpan.FromMinutes(at - minute));
            minute = at;
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hall/account")).StatusCode);
        }
        clock.Advance(TimeSpan.FromMinutes(61 - minute));
        await AssertSignedOutAsync(client);
    }
}
