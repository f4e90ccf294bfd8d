using System.Net;
using System.Text.RegularExpressions;
using Fund.Core.Security;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// The citizens' sign-in against an attacker: answers that name no account, limits per address, OpenID and account,
/// a new session id on sign-in, the lock that a proven reset lifts, and the binding that moves with a notice.
/// Each test comes from its own client address (X-Forwarded-For from loopback, which the host trusts as a proxy).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    private readonly string address = $"198.51.100.{Random.Shared.Next(1, 255)}";

    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private static string FormError(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "class=\"weui-cells__tips form-error\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);

    /// <summary>An HTTP client from <see cref="address"/> (or another) with an H5 session for <paramref name="openId"/>.</summary>
    private async Task<(HttpClient Client, CookieContainer Cookies)> SessionAsync(string openId, string? from = null)
    {
        var (client, cookies) = fixture.HttpFor(openId);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", from ?? address);
        var toWechat = (await client.GetAsync("/h5/account")).Headers.Location!;
        var back = await client.GetAsync(toWechat.GetLeftPart(UriPartial.Query));
        await client.GetAsync(back.Headers.Location);
        return (client, cookies);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Token(await client.GetStringAsync(page.Split('?')[0]));
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    private static async Task<string> LoginAsync(HttpClient client, string accountOrId, string password) =>
        await (await PostAsync(client, "/h5/login", new() { ["AccountOrId"] = accountOrId, ["Password"] = password })).Content.ReadAsStringAsync();

    [Fact]
    public async Task AWrongLoginReadsTheSameForNoAccountAnUnregisteredAccountAndARegisteredOne()
    {
        var unregistered = await fixture.Citizens.CreateAsync(registered: false, bound: false);
        var registered = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var errors = new List<string>();
        foreach (var key in new[] { "47" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"), unregistered.Account.Grzh,
                     unregistered.Account.IdNumber, registered.Account.Grzh })
        {
            var (client, _) = await SessionAsync("test-" + Guid.NewGuid().ToString("N")[..20]);
            errors.Add(FormError(await LoginAsync(client, key, "Wrong2026pass")));
        }
        Assert.All(errors, e => Assert.Equal(Said.WrongLoginWithTries(4), e));
    }

    [Fact]
    public async Task RegistrationAndResetIdentityStepsReadTheSameAndShowNoPhoneOrQuestionBeforeProof()
    {
        var unregistered = await fixture.Citizens.CreateAsync(registered: false, bound: false);
        var registered = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var r = registered.Account;
        var (client, _) = await SessionAsync("test-" + Guid.NewGuid().ToString("N")[..20]);

        // Registration: a registered person, a wrong phone, a wrong name: one answer.
        foreach (var (name, id, phone) in new[] { (r.Name, r.IdNumber, r.Phone), (unregistered.Account.Name, unregistered.Account.IdNumber, "13900000000"),
                     ("某某某", unregistered.Account.IdNumber, unregistered.Account.Phone) })
        {
            var html = await (await PostAsync(client, "/h5/register?handler=Identity", new()
            {
                ["Name"] = name, ["IdNumber"] = id, ["Phone"] = phone, ["Agree"] = "true",
            })).Content.ReadAsStringAsync();
            Assert.Equal(Said.IdentityNotVerified, FormError(html));
            Assert.DoesNotContain(Mask.Phone(r.Phone), html);
        }

        // Reset: the code request answers alike whether or not the details match, and sends only when they do.
        var asked = new List<string>();
        foreach (var phone in new[] { "13900000000", r.Phone })
        {
            var form = await client.GetStringAsync("/h5/reset-password");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/h5/reset-password?handler=SendCode")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = Token(form), ["Name"] = r.Name, ["IdNumber"] = r.IdNumber, ["Phone"] = phone,
                }),
            };
            request.Headers.Add("X-Requested-With", "fetch");
            asked.Add(await (await client.SendAsync(request)).Content.ReadAsStringAsync());
        }
        Assert.Equal(asked[0].Replace(Mask.Phone("13900000000"), "#"), asked[1].Replace(Mask.Phone(r.Phone), "#"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.LatestCodeAsync("13900000000"));
        var code = await fixture.LatestCodeAsync(r.Phone);

        // A wrong code and a wrong phone read alike too, and neither shows the question.
        foreach (var (phone, tried) in new[] { (r.Phone, code == "000000" ? "111111" : "000000"), ("13900000000", code) })
        {
            var html = await (await PostAsync(client, "/h5/reset-password?handler=Identity", new()
            {
                ["Name"] = r.Name, ["IdNumber"] = r.IdNumber, ["Phone"] = phone, ["Code"] = tried,
            })).Content.ReadAsStringAsync();
            Assert.Equal(Said.ResetNotVerified, FormError(html));
            Assert.DoesNotContain("您小学班主任的姓氏", html);
        }
    }

    [Fact]
    public async Task OnePasswordSprayedOverSequentialAccountNumbersFromOneWechatUserIsStopped()
    {
        var victim = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var (client, _) = await SessionAsync("test-" + Guid.NewGuid().ToString("N")[..20]);
        var first = long.Parse(victim.Account.Grzh) - SignInRules.PerOpenId.Max;
        var errors = new List<string>();
        for (var i = 0; i < SignInRules.PerOpenId.Max; i++)
            errors.Add(FormError(await LoginAsync(client, (first + i).ToString("000000000000"), Citizens.Password)));
        Assert.All(errors, e => Assert.StartsWith(Said.WrongLogin, e));

        // The next account in the run is real and the password right, yet the sprayer is held back.
        Assert.Equal(Said.ClientLimited, FormError(await LoginAsync(client, victim.Account.Grzh, Citizens.Password)));
        Assert.Null(await fixture.Bindings.GetGrzhAsync(victim.OpenId, default));
        Assert.StartsWith("/h5/login", (await client.GetAsync("/h5/account")).Headers.Location!.ToString());
        // The victim, from elsewhere, signs in as usual.
        var (own, _) = await SessionAsync(victim.OpenId, "192.0.2.44");
        await LoginAsync(own, victim.Account.Grzh, Citizens.Password);
        Assert.Equal(victim.Account.Grzh, await fixture.Bindings.GetGrzhAsync(victim.OpenId, default));
    }

    [Fact]
    public async Task OnePasswordSprayedFromOneAddressOverManyWechatUsersIsStopped()
    {
        var from = $"203.0.113.{Random.Shared.Next(1, 255)}";
        var start = 470_000_000_000 + Random.Shared.NextInt64(0, 9_000_000_000);
        var refused = 0;
        for (var user = 0; user * 3 < SignInRules.PerAddress.Max + 3; user++)
        {
            var (client, _) = await SessionAsync("test-" + Guid.NewGuid().ToString("N")[..20], from);
            for (var i = 0; i < 3; i++)
                if (FormError(await LoginAsync(client, (start + user * 3 + i).ToString(), Citizens.Password)) == Said.ClientLimited)
                    refused++;
        }
        Assert.Equal(3, refused);
    }

    [Fact]
    public async Task SigningInGivesANewSessionIdAndTheOldOneIsDead()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var (client, cookies) = await SessionAsync(citizen.OpenId);
        var before = cookies.GetCookies(new Uri(fixture.BaseUrl))["h5_sid"]!.Value;

        var response = await PostAsync(client, "/h5/login", new() { ["AccountOrId"] = citizen.Account.Grzh, ["Password"] = Citizens.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = cookies.GetCookies(new Uri(fixture.BaseUrl))["h5_sid"]!.Value;
        Assert.NotEqual(before, after);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/h5/account")).StatusCode);

        // Whoever kept (or planted) the old id gets no session from it.
        var (stale, staleCookies) = fixture.HttpFor(citizen.OpenId);
        staleCookies.Add(new Uri(fixture.BaseUrl), new System.Net.Cookie("h5_sid", before));
        Assert.Contains("/dev/oauth", (await stale.GetAsync("/h5/account")).Headers.Location!.ToString());

        var audit = await fixture.Audit.ForTargetAsync(AuditTrail.Citizen(citizen.Account.Grzh), default);
        var bind = Assert.Single(audit, l => l.Action == "citizen.bind");
        Assert.Equal(address, bind.ClientAddress);
        Assert.DoesNotContain(citizen.OpenId, bind.Actor + bind.Detail);
    }

    [Fact]
    public async Task ThePasswordChangeRefusesTheOldPasswordChineseAndCommonOnesAndAnEmptyOldOneCostsNoTry()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var (client, _) = await SessionAsync(citizen.OpenId);
        async Task<string> ChangeAsync(string old, string @new) => FormError(await (await PostAsync(client, "/h5/settings/password", new()
        {
            ["OldPassword"] = old, ["NewPassword"] = @new, ["ConfirmPassword"] = @new,
        })).Content.ReadAsStringAsync());

        for (var i = 0; i < SignInRules.WrongPasswordsBeforeLock + 1; i++) Assert.Equal("请输入原密码", await ChangeAsync("", "Xinyang2026z"));
        Assert.Equal("新密码不能与原密码相同", await ChangeAsync(Citizens.Password, Citizens.Password));
        Assert.Contains("汉字", await ChangeAsync(Citizens.Password, "公积金Abc12345"));
        Assert.Contains("过于常见", await ChangeAsync(Citizens.Password, "password1"));
        Assert.Contains("手机号", await ChangeAsync(Citizens.Password, "Hi" + citizen.Account.Phone));
        Assert.Equal("原密码错误，还可尝试4次", await ChangeAsync("Wrong2026x", "Xinyang2026z"));

        var done = await (await PostAsync(client, "/h5/settings/password", new()
        {
            ["OldPassword"] = Citizens.Password, ["NewPassword"] = "Xinyang2026z", ["ConfirmPassword"] = "Xinyang2026z",
        })).Content.ReadAsStringAsync();
        Assert.Contains("密码已修改", done);
        Assert.Contains(await fixture.Audit.ForTargetAsync(AuditTrail.Citizen(citizen.Account.Grzh), default), l => l.Action == "citizen.password.change");
    }

    [Fact]
    public async Task ALockedOutCitizenResetsWithSmsAndAnswerAndSignsInAtOnce()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: false);
        var a = citizen.Account;
        var page = await fixture.OpenAsync(citizen.OpenId);
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = address });

        await page.GotoAsync(fixture.BaseUrl + "/h5/login");
        for (var i = 0; i < SignInRules.WrongPasswordsBeforeLock; i++)
        {
            await page.FillAsync("#AccountOrId", a.Grzh);
            await page.FillAsync("#Password", "Wrong2026-" + i);
            await page.ClickAsync("#login");
            var left = SignInRules.WrongPasswordsBeforeLock - 1 - i;
            await Assertions.Expect(page.Locator(".form-error")).ToHaveTextAsync(left > 0 ? Said.WrongLoginWithTries(left) : Said.PasswordLocked);
        }
        await page.FillAsync("#Password", Citizens.Password);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator(".form-error")).ToHaveTextAsync(Said.PasswordLocked);

        await page.ClickAsync("a[href='/h5/reset-password']");
        await page.FillAsync("#Name", a.Name);
        await page.FillAsync("#IdNumber", a.IdNumber);
        await page.FillAsync("#Phone", a.Phone);
        // The page's clock stands still from here, so the countdown reads its first second however slow the machine.
        await BrowserFixture.PauseClockAsync(page);
        await page.ClickAsync("#send-code");
        // The code is asked for in the background: the page stays, what was typed stays, the button counts down.
        await Assertions.Expect(page.Locator("#sms-status.notice")).ToContainTextAsync(Mask.Phone(a.Phone));
        await Assertions.Expect(page.Locator("#send-code")).ToHaveTextAsync("60秒后重发");
        await Assertions.Expect(page.Locator("#send-code")).ToBeDisabledAsync();
        await page.Clock.RunForAsync(1000);
        await Assertions.Expect(page.Locator("#send-code")).ToHaveTextAsync("59秒后重发");
        await page.Clock.ResumeAsync();
        await Assertions.Expect(page.Locator("#IdNumber")).ToHaveValueAsync(a.IdNumber);
        await BrowserFixture.ShotAsync(page, "reset-code-sent");
        await page.FillAsync("#Code", await fixture.LatestCodeAsync(a.Phone));
        await page.ClickAsync("#next");

        await Assertions.Expect(page.Locator("#question")).ToHaveTextAsync("您小学班主任的姓氏？");
        await page.FillAsync("#Answer", Citizens.Answer);
        await page.FillAsync("#Password", "Henan2026reset");
        await page.FillAsync("#ConfirmPassword", "Henan2026reset");
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync(new Regex("/h5/login\\?notice=reset"));

        // The lock is gone: the new password signs in at once.
        await page.FillAsync("#AccountOrId", a.Grzh);
        await page.FillAsync("#Password", "Henan2026reset");
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(new Regex("/h5/account"));
        await Assertions.Expect(page.Locator("#grzh")).ToHaveTextAsync(a.Grzh);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SigningInToAnAccountBoundElsewhereSaysSoAndTellsTheOldWechat()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var newPhoneUser = "test-" + Guid.NewGuid().ToString("N")[..20];
        var page = await fixture.OpenAsync(newPhoneUser);
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = address });

        await page.GotoAsync(fixture.BaseUrl + "/h5/statement");
        await page.WaitForURLAsync(new Regex("/h5/login"));
        await page.FillAsync("#AccountOrId", citizen.Account.Grzh);
        await page.FillAsync("#Password", Citizens.Password);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#moved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#moved-desc")).ToContainTextAsync("原微信已解除绑定，并会收到微信通知");
        // Issue 19 item 24: the person who just signed in with the password is not told "if this was not you".
        await Assertions.Expect(page.Locator("#moved-desc")).Not.ToContainTextAsync("如非本人操作");
        await BrowserFixture.ShotAsync(page, "login-binding-moved");
        await page.ClickAsync("#continue");
        await page.WaitForURLAsync(new Regex("/h5/statement"));

        Assert.Null(await fixture.Bindings.GetGrzhAsync(citizen.OpenId, default));
        var told = await fixture.Wechat.WaitForTemplateAsync(citizen.OpenId, "tmpl-account-security", TimeSpan.FromSeconds(15));
        Assert.Contains(Mask.AccountNumber(citizen.Account.Grzh), told.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RegistrationStepOneReportsEveryEmptyFieldAndTheAgreementIsAPage()
    {
        var page = await fixture.OpenAsync("test-" + Guid.NewGuid().ToString("N")[..20]);
        await page.GotoAsync(fixture.BaseUrl + "/h5/register");
        var box = (await page.Locator("#Agree").BoundingBoxAsync())!;
        Assert.True(box.X >= 12, $"the checkbox sits {box.X}px from the screen edge");

        await page.ClickAsync("#next");
        await Assertions.Expect(page.Locator(".form-error li")).ToHaveTextAsync(["请输入姓名", "请输入身份证号", "请输入预留手机号", "请阅读并同意《网上服务协议》"]);
        Assert.Equal("/h5/register", new Uri(page.Url).AbsolutePath);
        await BrowserFixture.ShotAsync(page, "register-empty");

        await page.ClickAsync("#agreement-link");
        await Assertions.Expect(page.Locator("#agreement-title")).ToContainTextAsync("网上服务协议");
        await page.ClickAsync("#back-to-register");
        await page.WaitForURLAsync(new Regex("/h5/register$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ACodeAskedForTooSoonShowsAsAnErrorAndTheFormIsKept()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var newPhone = "135" + Random.Shared.Next(0, 99_999_999).ToString("00000000");
        var first = await fixture.OpenAsync(citizen.OpenId);
        await first.GotoAsync(fixture.BaseUrl + "/h5/settings/phone");
        await first.FillAsync("#NewPhone", newPhone);
        await first.ClickAsync("#send-code");
        await Assertions.Expect(first.Locator("#sms-status.notice")).ToContainTextAsync(Mask.Phone(newPhone));

        var second = await fixture.OpenAsync(citizen.OpenId);
        await second.GotoAsync(fixture.BaseUrl + "/h5/settings/phone");
        await second.FillAsync("#NewPhone", newPhone);
        await second.FillAsync("#Password", "typed-before");
        await second.ClickAsync("#send-code");
        await Assertions.Expect(second.Locator("#sms-status.form-error")).ToContainTextAsync("过于频繁");
        await Assertions.Expect(second.Locator("#sms-status")).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(second.Locator("#Password")).ToHaveValueAsync("typed-before");
        await Assertions.Expect(second.Locator("#send-code")).ToBeEnabledAsync();
        await BrowserFixture.ShotAsync(second, "phone-code-too-soon");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }
}

/// <summary>What the sign-in pages say (the host's SignInMessages), as a citizen reads it.</summary>
internal static class Said
{
    public const string WrongLogin = "账号或密码错误";
    public const string ClientLimited = "尝试次数过多，请15分钟后再试";
    public const string PasswordLocked = "密码错误次数过多，密码登录已暂停15分钟。您可通过“忘记密码”验证手机和密保后立即恢复";
    public const string IdentityNotVerified = "信息核验未通过，请核对姓名、身份证号和预留手机号。如已注册网上服务，请直接登录或通过“忘记密码”找回";
    public const string ResetNotVerified = "信息核验未通过或验证码错误，请核对后重试";

    public static string WrongLoginWithTries(int left) => $"{WrongLogin}，还可尝试{left}次";
}
