using Fund.Core.Binding;
using Fund.Core.Ledger;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

/// <summary>
/// Found by the attack on the cluster (attack-report.md #4): /h5/statement?year=0 (or 9999, 10000, -1, 2147483647)
/// answered 500, because the one-round-trip read builds DateTime(year, 1, 1) and DateTime(year + 1, 1, 1) from any
/// integer in the query. The page promises that a made-up year shows the newest year instead.
/// </summary>
[Collection(DataCollection.Name)]
public class StatementAttackTests(DataFixture fx)
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9999)]
    [InlineData(10000)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public async Task AYearNoCalendarHasShowsTheNewestYear(int year)
    {
        var accounts = fx.Get<MySqlAccountStore>();
        var account = await TestAccounts.CreateAsync(accounts);
        var openId = "year-attack-" + Guid.NewGuid().ToString("N")[..12];
        await fx.Get<IBindingStore>().BindAsync(openId, account.Grzh, default);
        await fx.Get<MySqlLedgerStore>().PostAsync(account.Grzh,
        [
            (new DateOnly(2024, 3, 5), BusinessType.Remittance, 800m, "2024年03月汇缴"),
            (new DateOnly(2025, 1, 6), BusinessType.Remittance, 900m, "2025年01月汇缴"),
        ], default);

        var (holder, years, statement) = await fx.Get<StatementQuery>().PageForOpenIdAsync(openId, year, default);

        Assert.Equal(account.Grzh, holder?.Grzh);
        Assert.Equal([2025, 2024], years);
        Assert.Equal(2025, statement?.Year);
    }
}
