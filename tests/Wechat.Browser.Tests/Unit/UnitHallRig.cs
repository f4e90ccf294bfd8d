using Fund.Core.OperatorCertificates;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Employers;
using Fund.Core.Validation;
using Fund.Data;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests.Unit;

/// <summary>
/// A fresh employer for each employer-hall test (random 单位账号, paid up to 2026-10), its operator with a password
/// and a certificate from the host's own Development CA, and a desktop browser that presents that certificate.
/// </summary>
internal sealed class UnitHallRig(BrowserFixture fixture)
{
    /// <summary>appsettings.Development.json's UnitHall:CaPassphrase: the host created the CA with it.</summary>
    public const string CaPassphrase = "dev-only-ca-passphrase";
    public const string Password = "Unit@Test2026";
    public static readonly DateOnly PaidUpTo = new(2026, 10, 1);

    public sealed record TestEmployer(string Dwzh, string Name, long OperatorId, string OperatorIdNumber);

    public static string NewIdNumber()
    {
        // Born 1976 or later: nobody is past statutory retirement age, which 开户 and 转入 refuse (women from 55).
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1976, 1, 1).AddDays(Random.Shared.Next(0, 10000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    public async Task<TestEmployer> EmployerAsync()
    {
        var dwzh = "4115096" + Random.Shared.Next(0, 100_000).ToString("00000");
        var name = "浏览器测试单位" + dwzh[^4..];
        await fixture.Accounts.UpsertEmployerAsync(new Employer(dwzh, name, "91411500MA4TEST002", AccountStatus.Normal, 0.12m, 0.12m), default);
        await using (var conn = await fixture.Get<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE employer SET paid_up_to = @p WHERE dwzh = @dwzh", new { dwzh, p = PaidUpTo.ToDateTime(TimeOnly.MinValue) });
        var idNumber = NewIdNumber();
        var operatorId = await fixture.Get<EmployerOperatorStore>().UpsertAsync(dwzh, "测试专管员", idNumber,
            new PasswordHasher<string>().HashPassword(dwzh, Password), "test", default);
        return new TestEmployer(dwzh, name, operatorId, idNumber);
    }

    public async Task<PersonalAccount> EmployeeAsync(string dwzh, decimal @base, AccountStatus status = AccountStatus.Normal, decimal balance = 0m,
        string? openId = null, string? name = null)
    {
        var account = new PersonalAccount
        {
            Grzh = "46" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"),
            Name = name ?? "职工" + "甲乙丙丁戊己庚辛"[Random.Shared.Next(8)] + "子丑寅卯辰巳午未申酉戌亥"[Random.Shared.Next(12)],
            IdNumber = NewIdNumber(),
            Phone = "135" + Random.Shared.Next(0, 99_999_999).ToString("00000000"),
            Dwzh = dwzh, Status = status, ContributionBase = @base, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = Math.Round(@base * 0.12m, 2), EmployerMonthly = Math.Round(@base * 0.12m, 2), Balance = 0m,
            PaidUpTo = PaidUpTo, OpenedOn = new DateOnly(2024, 1, 1), SealedOn = status == AccountStatus.Sealed ? new DateOnly(2026, 6, 1) : null,
        };
        await fixture.Accounts.InsertAsync(account, default);
        if (balance != 0m)
            await fixture.Get<MySqlLedgerStore>().PostAsync(account.Grzh, [(new DateOnly(2026, 10, 10), Fund.Core.Ledger.BusinessType.Remittance, balance, "2026年10月汇缴")], default);
        if (openId is not null) await fixture.Bindings.BindAsync(openId, account.Grzh, default);
        return account with { Balance = balance };
    }

    public Task<CentreAuthority.IssuedCertificate> IssueAsync(long operatorId) =>
        fixture.Get<CentreAuthority>().IssueAsync(operatorId, CaPassphrase, "staff:browser-test", default);

    /// <summary>A desktop Chromium that presents the operator's certificate to the hall's HTTPS port, signed in with it.</summary>
    public async Task<IPage> SignInWithCertificateAsync(CentreAuthority.IssuedCertificate cert, ViewportSize? viewport = null)
    {
        var page = await DesktopAsync(cert, viewport);
        await page.GotoAsync(fixture.UnitHttpsUrl + "/unit");
        await Assertions.Expect(page.Locator("#ca-subject")).ToHaveTextAsync("测试专管员");
        await page.ClickAsync("#ca-sign-in");
        await Assertions.Expect(page.Locator("#sign-in-method")).ToHaveTextAsync("CA证书登录");
        return page;
    }

    /// <summary>An HR office's laptop screen: the hall must work at this size without scrolling sideways.</summary>
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };

    public async Task<IPage> DesktopAsync(CentreAuthority.IssuedCertificate? cert, ViewportSize? viewport = null)
    {
        var options = new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-CN",
            // The hall's server certificate is from the centre's own CA, which this Chromium does not trust.
            IgnoreHTTPSErrors = true,
            AcceptDownloads = true,
        };
        if (cert is not null)
            options.ClientCertificates = [new ClientCertificate { Origin = fixture.UnitHttpsUrl, Pfx = cert.Pkcs12, Passphrase = cert.OneTimePassword }];
        var context = await fixture.NewContextAsync(options);
        return await context.NewPageAsync();
    }
}
