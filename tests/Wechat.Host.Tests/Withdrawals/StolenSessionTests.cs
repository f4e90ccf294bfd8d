using System.Net;
using System.Text.RegularExpressions;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Ledger;
using Fund.Core.Validation;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Host.H5;
using Wechat.Host.Tests.Simulator;

namespace Wechat.Host.Tests.Withdrawals;

/// <summary>The Production host with uploads in a directory of their own, under a production document key.</summary>
public sealed class WithdrawalProductionHost : ProductionHostFactory
{
    public string Uploads { get; } = Directory.CreateTempSubdirectory("wechatfund-uploads-").FullName;

    public WithdrawalProductionHost() => Overrides["Withdrawals:UploadPath"] = Uploads;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Uploads, recursive: true);
    }
}

/// <summary>
/// A thief holds a citizen's live H5 session (a borrowed phone, a copied cookie) on the Production host, and nothing
/// else: no online-hall password, no access to the phone on record. Money and the payout card must stay out of reach.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StolenSessionTests(WithdrawalProductionHost host) : IClassFixture<WithdrawalProductionHost>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];

    private T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>A sealed, registered, bound citizen with a card on file, and an HTTP client carrying only their session.</summary>
    private async Task<(PersonalAccount Account, HttpClient Thief)> VictimAsync()
    {
        _ = host.Server;
        var accounts = Get<MySqlAccountStore>();
        await accounts.UpsertEmployerAsync(new Employer("411509999997", "生产测试单位", "91411500MA4TEST002", AccountStatus.Normal, 0.12m, 0.12m), default);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var account = new PersonalAccount
        {
            Grzh = "46" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"), Name = "生产测试",
            IdNumber = first17 + IdNumber.CheckCharacter(first17), Phone = "139" + Random.Shared.Next(0, 99_999_999).ToString("00000000"),
            Dwzh = "411509999997", Status = AccountStatus.Sealed, SealedOn = new DateOnly(2025, 1, 1),
            ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m, PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = 0m,
            PaidUpTo = new DateOnly(2024, 12, 1), OpenedOn = new DateOnly(2020, 1, 1),
        };
        await accounts.InsertAsync(account, default);
        await Get<MySqlLedgerStore>().PostAsync(account.Grzh, [(new DateOnly(2024, 12, 10), BusinessType.Remittance, 88000m, "汇缴")], default);
        var hasher = new PasswordHasher<string>();
        await Get<MySqlCitizenLoginStore>().TryRegisterAsync(new MySqlCitizenLoginStore.CitizenLogin(account.Grzh,
            hasher.HashPassword(account.Grzh, "Owner2026abc"), "您的出生地？", hasher.HashPassword(account.Grzh, "信阳")), default);
        await Get<MySqlBankCardStore>().SaveFirstAsync(account.Grzh, "中国工商银行", "6222 0212 3456 7890 128", default);
        var openId = "prod-" + Guid.NewGuid().ToString("N")[..20];
        await Get<IBindingStore>().BindAsync(openId, account.Grzh, default);

        var session = await Get<H5SessionStore>().CreateAsync(openId);
        var cookies = new CookieContainer();
        var origin = new Uri("https://localhost");
        cookies.Add(origin, new Cookie("__Host-h5_sid", session.Id, "/", "localhost") { Secure = true, HttpOnly = true });
        var thief = host.CreateDefaultClient(origin, new CookieContainerHandler(cookies));
        return (account, thief);
    }

    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<string> PostAsync(HttpClient client, string url, string page, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = Token(await client.GetStringAsync(page));
        var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task UploadAsync(HttpClient client, long material, int kind)
    {
        var page = $"/h5/withdraw/apply?type=1&material={material}";
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(Token(await client.GetStringAsync(page))), "__RequestVerificationToken" },
            { new StringContent("1"), "Type" }, { new StringContent(material.ToString()), "material" }, { new StringContent(kind.ToString()), "UploadKind" },
            { new ByteArrayContent(Png) { Headers = { ContentType = new("image/png") } }, "Upload", "scan.png" },
        };
        var response = await client.PostAsync($"/h5/withdraw/apply?handler=Upload&type=1&material={material}", multipart);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task TheThiefCannotChangeTheCardOrSubmitAndGuessingThePasswordLocksIt()
    {
        var (account, thief) = await VictimAsync();
        var materialHtml = await PostAsync(thief, "/h5/withdraw/apply?handler=Material", "/h5/withdraw/apply?type=1", new()
        {
            ["Type"] = "1", ["Facts[leftOn]"] = "2024-12-31", ["Facts[formerEmployer]"] = "原单位",
        });
        var material = (await Get<MySqlMaterialStore>().ListAsync(account.Grzh, WithdrawalType.EmploymentEnded, default)).Single().Id;
        var page = $"/h5/withdraw/apply?type=1&material={material}";
        // Uploading is allowed with the session (it moves no money): the thief readies everything but the proof.
        foreach (var kind in new[] { 1, 2, 3 }) await UploadAsync(thief, material, kind);
        Assert.DoesNotContain("id=\"submit\" disabled", await thief.GetStringAsync(page));

        var card = new Dictionary<string, string>
        {
            ["Type"] = "1", ["material"] = material.ToString(), ["BankName"] = "中国银行", ["CardNumber"] = "6217000000000000004",
        };
        Assert.Contains("请输入登录密码", await PostAsync(thief, "/h5/withdraw/apply?handler=Card", page, new(card)));
        var key = Guid.NewGuid().ToString("N");
        Assert.Contains("请输入登录密码", await PostAsync(thief, "/h5/withdraw/apply?handler=Submit", page, new()
        {
            ["Type"] = "1", ["material"] = material.ToString(), ["IdempotencyKey"] = key,
        }));
        // Guessing: five wrong passwords, then even the right one is refused for 15 minutes.
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
            answers.Add(await PostAsync(thief, "/h5/withdraw/apply?handler=Submit", page, new()
            {
                ["Type"] = "1", ["material"] = material.ToString(), ["IdempotencyKey"] = key, ["Password"] = $"Guess{i}abc123", ["Code"] = "000000",
            }));
        Assert.Contains("还可尝试4次", answers[0]);
        Assert.Contains(global::Wechat.Host.H5.SignInMessages.ConfirmLocked, answers[5]);
        Assert.Contains(global::Wechat.Host.H5.SignInMessages.ConfirmLocked, await PostAsync(thief, "/h5/withdraw/apply?handler=Card", page, new(card)
        {
            ["Password"] = "Owner2026abc", ["Code"] = "000000",
        }));

        Assert.Null(await Get<MySqlApplicationStore>().OpenIdAsync(account.Grzh, default));
        Assert.Equal("0128", (await Get<MySqlBankCardStore>().GetAsync(account.Grzh, default))!.Last4);
        Assert.Empty(await Get<MySqlBankCardStore>().ReplacedAsync(account.Grzh, default));
        Assert.DoesNotContain(account.Phone, materialHtml);
        Assert.DoesNotContain(account.IdNumber, materialHtml);
    }

    [Fact]
    public async Task AServedDocumentKeepsItsSandboxAndIsNeverCached()
    {
        var (owner, ownerSession) = await VictimAsync();
        var material = await Get<MySqlMaterialStore>().CreateAsync(owner.Grzh, WithdrawalType.EmploymentEnded,
            new Dictionary<string, string> { ["leftOn"] = "2024-12-31", ["formerEmployer"] = "原单位" }, default);
        await UploadAsync(ownerSession, material, 1);
        var document = Assert.Single(await Get<MySqlMaterialStore>().PendingDocumentsAsync(owner.Grzh, material, default));

        var response = await ownerSession.GetAsync($"/h5/withdraw/documents/{document.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The site-wide headers must not replace the document's own (the attack found both overwritten).
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Matches(@"(^|;\s*)sandbox(;|$)", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task TheThiefFindsNoOtherCitizensDocumentsOrApplicationsAndTheFilesAreEncryptedAndPrivate()
    {
        var (owner, ownerSession) = await VictimAsync();
        var (_, thief) = await VictimAsync();
        var material = await Get<MySqlMaterialStore>().CreateAsync(owner.Grzh, WithdrawalType.EmploymentEnded,
            new Dictionary<string, string> { ["leftOn"] = "2024-12-31", ["formerEmployer"] = "原单位" }, default);
        await UploadAsync(ownerSession, material, 1);
        var document = Assert.Single(await Get<MySqlMaterialStore>().PendingDocumentsAsync(owner.Grzh, material, default));

        var file = Path.Combine(host.Uploads, document.StoredName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal("prod1", document.KeyId);
        Assert.True((await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(Png.AsSpan(0, 8)) < 0);
        Assert.Equal(Png, await ownerSession.GetByteArrayAsync($"/h5/withdraw/documents/{document.Id}"));

        Assert.Equal(HttpStatusCode.NotFound, (await thief.GetAsync($"/h5/withdraw/documents/{document.Id}")).StatusCode);
        var (_, id) = await Get<MySqlApplicationStore>().SubmitAsync(owner.Grzh, WithdrawalType.EmploymentEnded, material,
            Guid.NewGuid().ToString("N"), [], default);
        Assert.Equal(HttpStatusCode.NotFound, (await thief.GetAsync($"/h5/withdraw/status/{id}")).StatusCode);
        var cancel = await thief.PostAsync($"/h5/withdraw/status/{id}?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(await thief.GetStringAsync("/h5/withdraw/apply?type=2")),
        }));
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(WithdrawalStatus.Submitted, (await Get<MySqlApplicationStore>().GetAsync(id, owner.Grzh, default))!.Withdrawal.Status);
    }
}
