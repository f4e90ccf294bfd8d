using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

/// <summary>Each test makes its own account with a random account number, ID number and phone.</summary>
internal static class TestAccounts
{
    public const string Employer = "411509999999";

    public static async Task<PersonalAccount> CreateAsync(MySqlAccountStore store, decimal balance = 0m)
    {
        await store.UpsertEmployerAsync(new Employer(Employer, "数据测试单位", "91411500MA4TEST000", AccountStatus.Normal, 0.12m, 0.12m), default);
        var n = Random.Shared.NextInt64(0, 9_999_999_999);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var account = new PersonalAccount
        {
            Grzh = "48" + n.ToString("0000000000"),
            Name = "测试用户",
            IdNumber = first17 + IdNumber.CheckCharacter(first17),
            Phone = "137" + Random.Shared.Next(0, 99_999_999).ToString("00000000"),
            Dwzh = Employer,
            Status = AccountStatus.Normal,
            ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = balance,
            PaidUpTo = new DateOnly(2026, 10, 1), OpenedOn = new DateOnly(2020, 1, 1),
        };
        await store.InsertAsync(account, default);
        return account;
    }
}
