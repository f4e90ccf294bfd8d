using System.Net;
using System.Text.RegularExpressions;
using Fund.Core.Validation;
using Fund.Data.Seed;

namespace Wechat.Browser.Tests;

/// <summary>The sign-in and the pages against the ways they could be abused, over plain HTTP against the same host.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityTests(BrowserFixture fixture)
{
    /// <summary>Follows our redirects by hand up to the callback URL WeChat (here the dev stand-in) sends back.</summary>
    private static async Task<Uri> CallbackFromAsync(HttpClient client, string page)
    {
        var toWechat = (await client.GetAsync(page)).Headers.Location!;
        Assert.Contains("scope=snsapi_base", toWechat.ToString());
        var back = await client.GetAsync(toWechat.GetLeftPart(UriPartial.Query));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return back.Headers.Location!;
    }

    private static async Task<HttpClient> SignedInAsync(BrowserFixture fixture, string openId)
    {
        var (client, _) = fixture.HttpFor(openId);
        var callback = await CallbackFromAsync(client, "/h5/account");
        var done = await client.GetAsync(callback);
        Assert.Equal("/h5/account", done.Headers.Location!.ToString());
        return client;
    }

    [Fact]
    public async Task ASessionBoundToOneCitizenNeverShowsAnothersDataWhateverTheUrlSays()
    {
        var a = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var b = DemoCitizens.All[1]; // 李娜, with loan XYGJJ2026110001
        var client = await SignedInAsync(fixture, a.OpenId);
        string[] urls =
        [
            $"/h5/account?grzh={b.Grzh}", $"/h5/account?id={b.IdNumber}&openid={b.OpenId}",
            $"/h5/statement?grzh={b.Grzh}&year=2020", $"/h5/loans?grzh={b.Grzh}",
            "/h5/loans/progress?contractNo=XYGJJ2026110001", $"/h5/withdrawals?grzh={b.Grzh}",
        ];
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(b.Grzh, html);
            Assert.DoesNotContain(b.Name, html);
            Assert.DoesNotContain("XYGJJ2026110001", html);
        }
        Assert.Contains(a.Account.Grzh, await client.GetStringAsync("/h5/account?grzh=" + b.Grzh));
    }

    [Fact]
    public async Task AFormPostedWithAnotherCitizensAccountNumberStillActsOnTheBoundAccount()
    {
        var a = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var b = DemoCitizens.All[0];
        var newPhone = "135" + Random.Shared.Next(0, 99_999_999).ToString("00000000");
        var client = await SignedInAsync(fixture, a.OpenId);
        var form = await client.GetStringAsync("/h5/settings/phone");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/h5/settings/phone?handler=SendCode", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["NewPhone"] = newPhone, ["Grzh"] = b.Grzh, ["Account.Grzh"] = b.Grzh,
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Mask.Phone(a.Account.Phone), html);
        Assert.DoesNotContain(Mask.Phone(b.Phone), html);
        Assert.DoesNotContain(b.Name, html);
    }

    [Fact]
    public async Task AReplayedOAuthCodeIsRefusedWithAFriendlyPage()
    {
        var openId = "test-replay-" + Guid.NewGuid().ToString("N")[..8];
        var (first, _) = fixture.HttpFor(openId);
        var callback = await CallbackFromAsync(first, "/h5/account");
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync(callback)).StatusCode);

        // A second browser starts its own authorization but presents the first, already used, code.
        var (second, cookies) = fixture.HttpFor(openId);
        var fresh = await CallbackFromAsync(second, "/h5/account");
        var code = Regex.Match(callback.Query, "code=([^&]+)").Groups[1].Value;
        var replay = await second.GetAsync(Regex.Replace(fresh.PathAndQuery, "code=[^&]+", "code=" + code));
        Assert.Equal("/oauth/failed?reason=code", replay.Headers.Location!.ToString());
        var page = await second.GetAsync(replay.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("授权码已使用或已失效", await page.Content.ReadAsStringAsync());
        Assert.Null(cookies.GetCookies(new Uri(fixture.BaseUrl))["h5_sid"]);
    }

    [Fact]
    public async Task AWrongStateIsRefusedAndStartsNoSession()
    {
        var (client, cookies) = fixture.HttpFor("test-state-" + Guid.NewGuid().ToString("N")[..8]);
        var callback = await CallbackFromAsync(client, "/h5/account");
        var forged = Regex.Replace(callback.PathAndQuery, "state=[^&]+", "state=forged-state");
        var response = await client.GetAsync(forged);
        Assert.Equal("/oauth/failed?reason=state", response.Headers.Location!.ToString());
        Assert.Null(cookies.GetCookies(new Uri(fixture.BaseUrl))["h5_sid"]);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/h5/account")).StatusCode);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        var a = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var client = await SignedInAsync(fixture, a.OpenId);
        var response = await client.PostAsync("/h5/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["AccountOrId"] = a.Account.Grzh, ["Password"] = Citizens.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var unbound = await client.GetAsync("/h5/account");
        Assert.StartsWith("/h5/login", unbound.Headers.Location!.ToString());
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne()
    {
        var a = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var client = await SignedInAsync(fixture, a.OpenId);
        async Task<HttpResponseMessage> LoginAsync(string password)
        {
            var form = await client.GetStringAsync("/h5/login");
            var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            return await client.PostAsync("/h5/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["AccountOrId"] = a.Account.Grzh, ["Password"] = password,
            }));
        }
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await LoginAsync("Wrong-" + i)).StatusCode);
        var locked = await LoginAsync(Citizens.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("密码登录已暂停15分钟", await locked.Content.ReadAsStringAsync());
        Assert.StartsWith("/h5/login", (await client.GetAsync("/h5/account")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task FormsPostedWithEmptyOrMissingFieldsGetChineseMessagesNotErrors()
    {
        var a = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var client = await SignedInAsync(fixture, a.OpenId);
        foreach (var (page, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/h5/login", new() { ["AccountOrId"] = "", ["Password"] = "" }),
            ("/h5/login", new()),
            ("/h5/settings/phone?handler=SendCode", new() { ["NewPhone"] = "" }),
            ("/h5/settings/phone?handler=Change", new() { ["NewPhone"] = "13900000000" }),
            ("/h5/settings/password", new()),
        })
        {
            var form = await client.GetStringAsync(page.Split('?')[0]);
            fields["__RequestVerificationToken"] = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var response = await client.PostAsync(page, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("系统繁忙", html);
            Assert.Matches("请输入|错误|不一致|密码", html);
        }
    }

    [Fact]
    public async Task ThePublicToolsNeedNoSession()
    {
        var (client, _) = fixture.HttpFor("nobody");
        var response = await client.GetAsync("/h5/tools/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
