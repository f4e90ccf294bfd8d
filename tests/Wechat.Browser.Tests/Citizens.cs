using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Validation;
using Fund.Data.Seed;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;

namespace Wechat.Browser.Tests;

/// <summary>Fresh citizens for tests that change things, so the demo set stays as other tests expect it.</summary>
internal sealed class Citizens(MySqlAccountStore accounts, MySqlLedgerStore ledger, MySqlCitizenLoginStore logins, IBindingStore bindings)
{
    public const string Employer = "411509999998";
    public const string Password = "Test2026abc";
    public const string Answer = "王";

    public sealed record Citizen(PersonalAccount Account, string OpenId);

    /// <summary>
    /// An account with deposits from 2025 on; registered and bound only when asked. With <paramref name="sealedOn"/> it
    /// is 封存 from that day, its deposits stopping the month before.
    /// </summary>
    public async Task<Citizen> CreateAsync(bool registered, bool bound, DateOnly? sealedOn = null)
    {
        await accounts.UpsertEmployerAsync(new Employer(Employer, "浏览器测试单位", "91411500MA4TEST001", AccountStatus.Normal, 0.12m, 0.12m), default);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var account = new PersonalAccount
        {
            Grzh = "47" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"),
            Name = "测试" + "甲乙丙丁戊己庚辛"[Random.Shared.Next(8)],
            IdNumber = first17 + IdNumber.CheckCharacter(first17),
            Phone = "136" + Random.Shared.Next(0, 99_999_999).ToString("00000000"),
            Dwzh = Employer, Status = sealedOn is null ? AccountStatus.Normal : AccountStatus.Sealed, SealedOn = sealedOn,
            ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = 0m,
            PaidUpTo = sealedOn is { } s ? new DateOnly(s.Year, s.Month, 1).AddMonths(-1) : new DateOnly(2026, 10, 1),
            OpenedOn = new DateOnly(2025, 1, 1),
        };
        await accounts.InsertAsync(account, default);
        await ledger.PostAsync(account.Grzh, ContributionHistory.Monthly(account.OpenedOn, account.PaidUpTo.Value, 1200m), default);
        var openId = "test-" + Guid.NewGuid().ToString("N")[..20];
        if (registered)
        {
            var hasher = new PasswordHasher<string>();
            await logins.TryRegisterAsync(new MySqlCitizenLoginStore.CitizenLogin(account.Grzh, hasher.HashPassword(account.Grzh, Password),
                "您小学班主任的姓氏？", hasher.HashPassword(account.Grzh, Answer)), default);
        }
        if (bound) await bindings.BindAsync(openId, account.Grzh, default);
        return new Citizen(account, openId);
    }
}
