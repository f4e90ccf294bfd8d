using Fund.Core.Ledger;
using Fund.Data.Seed;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

[Collection(DataCollection.Name)]
public class LedgerStoreTests(DataFixture fx)
{
    private MySqlLedgerStore Ledger => fx.Get<MySqlLedgerStore>();

    [Fact]
    public async Task PostingsKeepARunningBalanceAndMoveTheAccountBalance()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        var balance = await Ledger.PostAsync(a.Grzh, ContributionHistory.Monthly(new DateOnly(2023, 1, 1), new DateOnly(2024, 12, 1), 1200m), default);

        var statement = await fx.Get<StatementQuery>().GetAsync(a.Grzh, 2024, default);
        Assert.True(statement.IsConsistent());
        Assert.Equal(13, statement.Entries.Count); // 12 remittances and the June interest
        Assert.Equal(balance, statement.ClosingBalance);
        Assert.Equal(balance, (await fx.Get<MySqlAccountStore>().GetAsync(a.Grzh, default))!.Balance);
        Assert.Equal([2024, 2023], await Ledger.GetYearsAsync(a.Grzh, default));
    }

    [Fact]
    public async Task AYearWithoutEntriesIsEmpty()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        var s = await fx.Get<StatementQuery>().GetAsync(a.Grzh, 2019, default);
        Assert.Empty(s.Entries);
        Assert.Empty(await Ledger.GetYearsAsync(a.Grzh, default));
    }

    [Fact]
    public async Task ConcurrentPostingsNeverInterleaveBalances()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        var day = new DateOnly(2025, 3, 10);
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            Ledger.PostAsync(a.Grzh, [(day, BusinessType.BackPayment, i * 10m, $"补缴{i}")], default)));

        var s = await fx.Get<StatementQuery>().GetAsync(a.Grzh, 2025, default);
        Assert.Equal(10, s.Entries.Count);
        Assert.True(s.IsConsistent());
        Assert.Equal(550m, s.ClosingBalance);
    }

    [Fact]
    public async Task OneAccountsStatementNeverShowsAnothersEntries()
    {
        var accounts = fx.Get<MySqlAccountStore>();
        var a = await TestAccounts.CreateAsync(accounts);
        var b = await TestAccounts.CreateAsync(accounts);
        await Ledger.PostAsync(a.Grzh, [(new DateOnly(2025, 1, 10), BusinessType.Remittance, 100m, "a")], default);
        await Ledger.PostAsync(b.Grzh, [(new DateOnly(2025, 1, 10), BusinessType.Remittance, 999m, "b")], default);
        var s = await fx.Get<StatementQuery>().GetAsync(a.Grzh, 2025, default);
        Assert.Equal("a", Assert.Single(s.Entries).Memo);
    }

    [Fact]
    public async Task TheStatementPageShowsTheYearAskedElseTheNewest()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        await Ledger.PostAsync(a.Grzh, ContributionHistory.Monthly(new DateOnly(2023, 1, 1), new DateOnly(2024, 12, 1), 1200m), default);
        var openId = "ledger-page-" + a.Grzh;
        await fx.Get<Fund.Core.Binding.IBindingStore>().BindAsync(openId, a.Grzh, default);
        var statements = fx.Get<StatementQuery>();

        var asked = await statements.PageForOpenIdAsync(openId, 2023, default);
        Assert.Equal([2024, 2023], asked.Years);
        Assert.Equal(2023, asked.Statement!.Year);
        Assert.Equal(await Ledger.GetYearAsync(a.Grzh, 2023, default), asked.Statement.Entries);
        Assert.True(asked.Statement.IsConsistent());
        // A year without entries, or none asked, shows the newest year.
        Assert.Equal(2024, (await statements.PageForOpenIdAsync(openId, 2019, default)).Statement!.Year);
        Assert.Equal(2024, (await statements.PageForOpenIdAsync(openId, null, default)).Statement!.Year);
        var empty = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        await fx.Get<Fund.Core.Binding.IBindingStore>().BindAsync("ledger-page-" + empty.Grzh, empty.Grzh, default);
        Assert.Null((await statements.PageForOpenIdAsync("ledger-page-" + empty.Grzh, 2024, default)).Statement);
    }
}
