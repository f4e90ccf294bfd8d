using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Employers;
using Fund.Core.Validation;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;

namespace Fund.Data.Tests.Employers;

/// <summary>Each test makes its own employer (random 单位账号) with its own employees and operator.</summary>
internal static class TestEmployers
{
    public static readonly ContributionBaseRules Rules = new(2000m, 25000m, AmountRounding.Fen);

    public static string NewDwzh() => "4115097" + Random.Shared.Next(0, 100_000).ToString("00000");

    public static string NewIdNumber()
    {
        // Born 1976 or later: nobody is past statutory retirement age, which 开户 and 转入 refuse (women from 55).
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1976, 1, 1).AddDays(Random.Shared.Next(0, 10000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    public static async Task<(string Dwzh, Transactor Who)> CreateAsync(DataFixture fx, DateOnly? paidUpTo)
    {
        var dwzh = NewDwzh();
        await fx.Get<MySqlAccountStore>().UpsertEmployerAsync(new Employer(dwzh, "测试单位" + dwzh[^5..], "91411500MA4TEST001", AccountStatus.Normal, 0.12m, 0.12m), default);
        await using (var conn = await fx.Get<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE employer SET paid_up_to = @p WHERE dwzh = @dwzh", new { dwzh, p = paidUpTo?.ToDateTime(TimeOnly.MinValue) });
        var operatorId = await fx.Get<EmployerOperatorStore>().UpsertAsync(dwzh, "测试专管员", NewIdNumber(),
            new PasswordHasher<string>().HashPassword(dwzh, "Unit@2026"), "test", default);
        return (dwzh, new Transactor(operatorId, "TESTSERIAL" + Random.Shared.Next()));
    }

    public static async Task<PersonalAccount> EmployeeAsync(DataFixture fx, string dwzh, decimal @base, AccountStatus status = AccountStatus.Normal,
        DateOnly? paidUpTo = null, decimal balance = 0m, bool bound = false)
    {
        var monthly = Rules.Monthly(@base, 0.12m, 0.12m);
        var account = new PersonalAccount
        {
            Grzh = "47" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"),
            Name = "职工" + "甲乙丙丁戊己庚辛壬癸"[Random.Shared.Next(10)] + "子丑寅卯辰巳午未申酉戌亥"[Random.Shared.Next(12)],
            IdNumber = NewIdNumber(),
            Phone = "136" + Random.Shared.Next(0, 99_999_999).ToString("00000000"),
            Dwzh = dwzh, Status = status, ContributionBase = @base, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = monthly.Personal, EmployerMonthly = monthly.Employer, Balance = 0m,
            PaidUpTo = paidUpTo ?? new DateOnly(2026, 10, 1), OpenedOn = new DateOnly(2020, 1, 1),
            SealedOn = status == AccountStatus.Sealed ? new DateOnly(2026, 3, 1) : null,
        };
        await fx.Get<MySqlAccountStore>().InsertAsync(account, default);
        if (balance != 0m)
            await fx.Get<MySqlLedgerStore>().PostAsync(account.Grzh, [(new DateOnly(2026, 10, 10), Core.Ledger.BusinessType.Remittance, balance, "汇缴")], default);
        if (bound) await fx.Get<IBindingStore>().BindAsync("unit-" + account.Grzh, account.Grzh, default);
        return account with { Balance = balance };
    }
}
