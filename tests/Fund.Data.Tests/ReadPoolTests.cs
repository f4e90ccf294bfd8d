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
