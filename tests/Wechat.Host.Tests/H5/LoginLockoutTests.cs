using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.H5;

/// <summary>The lockout on the real Redis; each test locks its own made-up account number.</summary>
public sealed class LoginLockoutTests : IAsyncLifetime
{
    private ConnectionMultiplexer redis = null!;
    private readonly string grzh = "45" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");

    public async Task DisposeAsync()
    {
        await redis.GetDatabase().KeyDeleteAsync($"h5:login:failures:{grzh}");
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task FiftyGuessesAtOnceGetOnlyFiveChecks()
    {
        var lockout = new LoginLockout(redis);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => lockout.BeginAsync(grzh)));
        Assert.Equal(LoginLockout.MaxFailures, attempts.Count(a => !a.Locked));
        // The counter always carries its expiry: a lock never outlives its 15 minutes.
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"h5:login:failures:{grzh}");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(14), LoginLockout.LockTime);
    }

    [Fact]
    public async Task TriesLeftCountDownAndARightAnswerForgivesThem()
    {
        var lockout = new LoginLockout(redis);
        Assert.Equal(4, (await lockout.BeginAsync(grzh)).TriesLeftIfWrong);
        Assert.Equal(3, (await lockout.BeginAsync(grzh)).TriesLeftIfWrong);
        await lockout.ClearAsync(grzh);
        Assert.Equal(4, (await lockout.BeginAsync(grzh)).TriesLeftIfWrong);
    }

    [Fact]
    public async Task TheSixthAttemptIsLockedEvenIfItWouldBeRight()
    {
        var lockout = new LoginLockout(redis);
        for (var i = 0; i < LoginLockout.MaxFailures; i++) Assert.False((await lockout.BeginAsync(grzh)).Locked);
        Assert.True((await lockout.BeginAsync(grzh)).Locked);
    }
}
