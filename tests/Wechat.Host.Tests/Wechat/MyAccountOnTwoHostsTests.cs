using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Ledger;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.Extensions.DependencyInjection;
using static Wechat.Host.Tests.Wechat.SignedRequests;

namespace Wechat.Host.Tests.Wechat;

/// <summary>
/// 我的账户 through two whole hosts on one MariaDB and Redis (issue 21): each answers from its own copy of the bound
/// account, and a posting made through the other host shows in the very next answer.
/// </summary>
public sealed class MyAccountOnTwoHostsTests : IAsyncLifetime
{
    private readonly FundHostFactory _a = new();
    private readonly FundHostFactory _b = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private static async Task<string> MyAccountAsync(FundHostFactory host, string openId)
    {
        var response = await host.CreateClient().SendAsync(SafeMode(Click(openId, "MY_ACCOUNT", UniqueCreateTime())));
        return OpenReply(await response.Content.ReadAsStringAsync()).Get("Content")!;
    }

    [Fact]
    public async Task APostingThroughOneHostShowsInTheNextMyAccountOfTheOther()
    {
        var services = _b.Services;
        var store = services.GetRequiredService<MySqlAccountStore>();
        await store.UpsertEmployerAsync(new Employer("411509999998", "双实例测试单位", "91411500MA4TEST998", AccountStatus.Normal, 0.12m, 0.12m), default);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1980, 1, 1).AddDays(Random.Shared.Next(0, 9000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var grzh = "46" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");
        await store.InsertAsync(new PersonalAccount
        {
            Grzh = grzh, Name = "双实例", IdNumber = first17 + IdNumber.CheckCharacter(first17),
            Phone = "135" + Random.Shared.Next(0, 99_999_999).ToString("00000000"), Dwzh = "411509999998",
            Status = AccountStatus.Normal, ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = 0m, PaidUpTo = new DateOnly(2026, 10, 1),
            OpenedOn = new DateOnly(2020, 1, 1),
        }, default);
        var openId = "two-hosts-" + grzh;
        await services.GetRequiredService<IBindingStore>().BindAsync(openId, grzh, default);
        var ledger = services.GetRequiredService<MySqlLedgerStore>();
        await ledger.PostAsync(grzh, [(new DateOnly(2026, 10, 10), BusinessType.Remittance, 1200m, "汇缴")], default);

        Assert.Contains("¥1,200.00", await MyAccountAsync(_a, openId));
        Assert.Contains("¥1,200.00", await MyAccountAsync(_a, openId)); // from host A's copy now

        await ledger.PostAsync(grzh, [(new DateOnly(2026, 11, 10), BusinessType.Remittance, 1200m, "汇缴")], default);
        Assert.Contains("¥2,400.00", await MyAccountAsync(_a, openId));

        await services.GetRequiredService<IBindingStore>().UnbindAsync(openId, default);
        Assert.Contains("/h5/login", await MyAccountAsync(_a, openId));
    }
}
