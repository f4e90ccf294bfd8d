using Dapper;
using Fund.Core.Binding;
using Fund.Data.Migrations;
using Fund.Data.Seed;
using Fund.Data.Stores;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fund.Data.Tests;

[Collection(DataCollection.Name)]
public class BindingAndInfrastructureTests(DataFixture fx)
{
    [Fact]
    public async Task BindingFromANewOpenIdReleasesTheOldOne()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        var bindings = fx.Get<IBindingStore>();
        var first = "test-" + Guid.NewGuid().ToString("N");
        var second = "test-" + Guid.NewGuid().ToString("N");
        await bindings.BindAsync(first, a.Grzh, default);
        await bindings.BindAsync(second, a.Grzh, default);
        Assert.Null(await bindings.GetGrzhAsync(first, default));
        Assert.Equal(a.Grzh, await bindings.GetGrzhAsync(second, default));
        Assert.True(await bindings.UnbindAsync(second, default));
        Assert.False(await bindings.UnbindAsync(second, default));
        Assert.Null(await bindings.GetGrzhAsync(second, default));
    }

    [Fact]
    public async Task ManyCitizensBindingAtOnceAllSucceed()
    {
        var store = fx.Get<MySqlAccountStore>();
        var accounts = new List<Fund.Core.Accounts.PersonalAccount>();
        for (var i = 0; i < 20; i++) accounts.Add(await TestAccounts.CreateAsync(store));
        var bindings = fx.Get<IBindingStore>();
        var openIds = accounts.Select(_ => "test-" + Guid.NewGuid().ToString("N")).ToList();

        await Task.WhenAll(accounts.Select((a, i) => bindings.BindAsync(openIds[i], a.Grzh, default)));

        for (var i = 0; i < accounts.Count; i++)
            Assert.Equal(accounts[i].Grzh, await bindings.GetGrzhAsync(openIds[i], default));
    }

    [Fact]
    public async Task MigrationsRunTwiceApplyNothingTheSecondTime() =>
        Assert.Equal(0, await fx.Get<MigrationRunner>().ApplyAsync(default));

    [Fact]
    public async Task TheIssue21MigrationsCanBeAppliedAgainAfterBeingInterrupted()
    {
        // A migration over a large table can be cut off after its first statements (a lost connection, a stopped
        // deploy): it is not recorded, and the next start applies it again over what it had already done.
        await using (var conn = await fx.Get<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync(
                "DELETE FROM schema_migrations WHERE version IN ('110_account_data_version', '120_outbox_batch_lease')");

        Assert.Equal(2, await fx.Get<MigrationRunner>().ApplyAsync(default));
        Assert.Equal(0, await fx.Get<MigrationRunner>().ApplyAsync(default));
    }

    [Fact]
    public async Task BothHealthChecksReportHealthy()
    {
        var report = await fx.Get<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries["mysql"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["redis"].Status);
    }

    [Fact]
    public async Task BulkSeedAddsAccountsWithTenYearsOfEntries()
    {
        var bulk = fx.Get<BulkSeeder>();
        var before = await bulk.CountAsync(default);
        var result = await bulk.SeedAsync(before + 3, default);
        Assert.Equal(3, result.Added);
        Assert.Equal(3 * 130, result.LedgerRows);
        var grzh = BulkSeeder.Grzh(before + 2);
        var s = await fx.Get<Fund.Core.Ledger.StatementQuery>().GetAsync(grzh, 2025, default);
        Assert.True(s.IsConsistent());
        Assert.Equal(13, s.Entries.Count);
        var account = await fx.Get<MySqlAccountStore>().FindByIdNumberAsync(BulkSeeder.SyntheticIdNumber(before + 2), default);
        Assert.Equal(grzh, account?.Grzh);
    }

    [Fact]
    public void SyntheticIdNumbersAreValidAndUnique()
    {
        var ids = Enumerable.Range(0, 50_000).Select(i => BulkSeeder.SyntheticIdNumber(i * 3)).ToList();
        Assert.All(ids.Take(200), id => Assert.True(Fund.Core.Validation.IdNumber.IsValid(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
