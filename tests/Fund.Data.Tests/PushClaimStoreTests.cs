using Fund.Data.Stores;

namespace Fund.Data.Tests;

[Collection(QuietDataCollection.Name)]
public class PushClaimStoreTests(QuietDataFixture fx)
{
    private static string NewKey() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    [Fact]
    public async Task TheFirstClaimWinsAndTheOthersSeeItsReplyOnceStored()
    {
        var claims = fx.Get<PushClaimStore>();
        var key = NewKey();

        var wins = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => claims.TryClaimAsync(key, TimeSpan.FromMinutes(1), default)));
        var pending = await claims.GetAsync(key, default);
        await claims.StoreReplyAsync(key, """{"kind":"text","content":"余额"}""", TimeSpan.FromMinutes(5), default);
        await claims.ReleaseAsync(key, default); // a late release must not drop a finished reply

        Assert.Equal(1, wins.Count(w => w));
        Assert.Equal((true, (string?)null), pending);
        Assert.Equal((true, """{"kind":"text","content":"余额"}"""), await claims.GetAsync(key, default));
    }

    [Fact]
    public async Task AnExpiredOrReleasedClaimCanBeTakenAgain()
    {
        var claims = fx.Get<PushClaimStore>();
        var (expired, released) = (NewKey(), NewKey());
        Assert.True(await claims.TryClaimAsync(expired, TimeSpan.FromMilliseconds(50), default));
        Assert.True(await claims.TryClaimAsync(released, TimeSpan.FromMinutes(1), default));
        await claims.ReleaseAsync(released, default);
        await Task.Delay(1100);

        Assert.Equal((false, (string?)null), await claims.GetAsync(expired, default));
        Assert.True(await claims.TryClaimAsync(expired, TimeSpan.FromMinutes(1), default));
        Assert.True(await claims.TryClaimAsync(released, TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public async Task APurgeDeletesOnlyExpiredRowsUpToItsLimitOldestFirst()
    {
        var claims = fx.Get<PushClaimStore>();
        var (older, newer, live) = (NewKey(), NewKey(), NewKey());
        // Expired in 2000: older than any row another test (or a host's purge) may leave, so they go first.
        await using (var conn = await fx.Get<FundDatabase>().OpenAsync(default))
            await Dapper.SqlMapper.ExecuteAsync(conn, """
                INSERT INTO push_claim (dedup_key, claimed_at, expires_at) VALUES
                (@older, '2000-01-01', '2000-01-01 00:01'), (@newer, '2000-01-02', '2000-01-02 00:01')
                """, new { older, newer });
        Assert.True(await claims.TryClaimAsync(live, TimeSpan.FromMinutes(1), default));

        Assert.Equal(1, await claims.PurgeExpiredAsync(1, default));
        Assert.Equal(0, await RowsAsync(older));
        while (await claims.PurgeExpiredAsync(10_000, default) > 0) { }
        Assert.Equal(0, await RowsAsync(newer));
        Assert.Equal((true, (string?)null), await claims.GetAsync(live, default));
    }

    private async Task<int> RowsAsync(string key)
    {
        await using var conn = await fx.Get<FundDatabase>().OpenAsync(default);
        return await Dapper.SqlMapper.QuerySingleAsync<int>(conn, "SELECT COUNT(*) FROM push_claim WHERE dedup_key = @key", new { key });
    }

    [Fact]
    public async Task HandedOverClaimsAreFoundByARetryAndAnExistingClaimKeepsItsReply()
    {
        var claims = fx.Get<PushClaimStore>();
        var (done, working, existing) = (NewKey(), NewKey(), NewKey());
        Assert.True(await claims.TryClaimAsync(existing, TimeSpan.FromMinutes(1), default));
        await claims.StoreReplyAsync(existing, "kept", TimeSpan.FromMinutes(5), default);

        await claims.HandOverAsync([(done, "answered in Redis"), (working, null), (existing, "from the hand-over")], TimeSpan.FromMinutes(1), default);

        Assert.False(await claims.TryClaimAsync(done, TimeSpan.FromMinutes(1), default));
        Assert.False(await claims.TryClaimAsync(working, TimeSpan.FromMinutes(1), default));
        Assert.Equal((true, "answered in Redis"), await claims.GetAsync(done, default));
        Assert.Equal((true, (string?)null), await claims.GetAsync(working, default));
        Assert.Equal((true, "kept"), await claims.GetAsync(existing, default));
    }
}
