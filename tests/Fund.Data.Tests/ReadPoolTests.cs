using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

/// <summary>
/// FundDatabase's two pools: writes' connections are reset on every open, reads' are not (one round trip instead of
/// three), so reads must leave no state behind and must still see every commit at once.
/// </summary>
[Collection(DataCollection.Name)]
public class ReadPoolTests(DataFixture fx)
{
    private FundDatabase Db => fx.Get<FundDatabase>();

    [Fact]
    public async Task AWriteConnectionNeverCarriesSessionStateIntoItsNextUse()
    {
        // Hold several so the pool's next open may hand back any of them; every one must come back clean.
        for (var i = 0; i < 5; i++)
        {
            await using (var conn = await Db.OpenAsync(default))
            {
                await conn.ExecuteAsync("SET SESSION group_concat_max_len = 4321");
            }

            await using var next = await Db.OpenAsync(default);
            Assert.NotEqual(4321L, await next.ExecuteScalarAsync<long>("SELECT @@SESSION.group_concat_max_len"));
        }
    }

    /// <summary>
    /// A restart of MariaDB closes every connection the pools hold. The read pool hands its connections out without a
    /// reset (no round trip to find one dead), so each stale one used to fail its first read: a 503 page or a busy
    /// answer per pooled connection after every restart. The server ending them (KILL, as a restart does) must cost the
    /// reads nothing.
    /// </summary>
    [Fact]
    public async Task ReadsStillAnswerAfterTheServerEndedEveryPooledReadConnection()
    {
        var store = fx.Get<MySqlAccountStore>();
        var account = await TestAccounts.CreateAsync(store, balance: 66.5m);
        // Several connections in the read pool at once, as under load.
        using var together = new Barrier(4);
        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var conn = await Db.OpenReadAsync(default);
            together.SignalAndWait(TimeSpan.FromSeconds(10));
            return await conn.ExecuteScalarAsync<long>("SELECT CONNECTION_ID()");
        })));
        await using (var admin = await Db.OpenAsync(default))
        {
            foreach (var id in ids.Distinct()) await admin.ExecuteAsync($"KILL CONNECTION {id}");
        }

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(66.5m, (await store.GetAsync(account.Grzh, default))?.Balance);
        }
    }

    [Fact]
    public async Task ReadsThroughTheUnresetPoolSeeABindingTheMomentItCommits()
    {
        var store = fx.Get<MySqlAccountStore>();
        var account = await TestAccounts.CreateAsync(store, balance: 123.45m);
        var openId = "read-pool-" + Guid.NewGuid().ToString("N")[..12];

        // The read pool's connection has served a read before the bind, as it would under load.
        Assert.Null(await store.GetBoundToAsync(openId, default));
        await fx.Get<IBindingStore>().BindAsync(openId, account.Grzh, default);

        var bound = await store.GetBoundToAsync(openId, default);
        Assert.Equal(account.Grzh, bound?.Grzh);
        Assert.Equal(123.45m, bound?.Balance);
        Assert.Equal(account.Grzh, await fx.Get<IBindingStore>().GetGrzhAsync(openId, default));
    }
}

/// <summary>The statement page's one round trip agrees with the separate reads it replaces.</summary>
[Collection(DataCollection.Name)]
public class StatementPageReadTests(DataFixture fx)
{
    [Fact]
    public async Task TheBoundAccountItsYearsAndTheYearsEntriesComeTogether()
    {
        var accounts = fx.Get<MySqlAccountStore>();
        var ledger = fx.Get<Fund.Core.Ledger.ILedgerStore>();
        var account = await TestAccounts.CreateAsync(accounts);
        var openId = "page-read-" + Guid.NewGuid().ToString("N")[..12];
        await fx.Get<IBindingStore>().BindAsync(openId, account.Grzh, default);
        await fx.Get<MySqlLedgerStore>().PostAsync(account.Grzh,
        [
            (new DateOnly(2024, 3, 5), Fund.Core.Ledger.BusinessType.Remittance, 800m, "2024年03月汇缴"),
            (new DateOnly(2025, 1, 6), Fund.Core.Ledger.BusinessType.Remittance, 900m, "2025年01月汇缴"),
            (new DateOnly(2025, 2, 5), Fund.Core.Ledger.BusinessType.Remittance, 900m, "2025年02月汇缴"),
        ], default);

        var (holder, years, entries) = await accounts.GetBoundWithYearAsync(openId, 2025, default);
        Assert.Equal(account.Grzh, holder?.Grzh);
        Assert.Equal(account.IdNumber, holder?.IdNumber); // decrypted, for the printed head
        Assert.Equal(await ledger.GetYearsAsync(account.Grzh, default), years);
        Assert.Equal([2025, 2024], years);
        Assert.Equal(await ledger.GetYearAsync(account.Grzh, 2025, default), entries);
        Assert.Equal([900m, 900m], entries.Select(e => e.Amount));

        var (nobody, noYears, noEntries) = await accounts.GetBoundWithYearAsync("unbound-" + openId, 2025, default);
        Assert.Null(nobody);
        Assert.Empty(noYears);
        Assert.Empty(noEntries);
    }
}
