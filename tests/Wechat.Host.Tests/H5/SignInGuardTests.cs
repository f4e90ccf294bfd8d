using Fund.Core.Security;
using Fund.Data.Security;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.H5;

/// <summary>The sign-in limits on the real Redis; each test uses its own made-up addresses, OpenIDs and accounts.</summary>
public sealed class SignInGuardTests : IAsyncLifetime
{
    private ConnectionMultiplexer redis = null!;
    private readonly string run = Guid.NewGuid().ToString("N")[..10];
    private readonly long firstAccount = 450_000_000_000 + Random.Shared.NextInt64(0, 9_000_000);

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");

    public async Task DisposeAsync() => await redis.DisposeAsync();

    private SignInGuard Guard() => new(redis,
        new SensitiveData(Options.Create(new SensitiveDataOptions
        {
            EncryptionKey = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
            BlindIndexKey = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        })),
        Options.Create(new SignInOptions()), TimeProvider.System);

    private string Address(int i = 0) => $"test-{run}-addr-{i}";
    private string OpenId(int i = 0) => $"test-{run}-openid-{i}";
    private string Account(int i = 0) => (firstAccount + i).ToString();

    [Fact]
    public async Task OnePasswordSprayedOverSequentialAccountsFromOneAddressIsStopped()
    {
        var guard = Guard();
        var verdicts = new List<SignInVerdict>();
        // A different WeChat user for every try, so only the address ties the tries together.
        for (var i = 0; i < SignInRules.PerAddress.Max + 5; i++)
            verdicts.Add((await guard.BeginAsync(SignInStep.Password, Account(i), OpenId(i), Address())).Verdict);
        Assert.All(verdicts.Take(SignInRules.PerAddress.Max), v => Assert.Equal(SignInVerdict.Allowed, v));
        Assert.All(verdicts.Skip(SignInRules.PerAddress.Max), v => Assert.Equal(SignInVerdict.ClientLimited, v));
        // Another address is not held back by this one.
        Assert.True((await guard.BeginAsync(SignInStep.Password, Account(999), OpenId(999), Address(1))).Allowed);
    }

    [Fact]
    public async Task OnePasswordSprayedOverSequentialAccountsFromOneOpenIdIsStopped()
    {
        var guard = Guard();
        var verdicts = new List<SignInVerdict>();
        for (var i = 0; i < SignInRules.PerOpenId.Max + 3; i++)
            verdicts.Add((await guard.BeginAsync(SignInStep.Password, Account(i), OpenId(), Address(i))).Verdict);
        Assert.Equal(SignInRules.PerOpenId.Max, verdicts.Count(v => v == SignInVerdict.Allowed));
        Assert.Equal(SignInVerdict.ClientLimited, verdicts[^1]);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountAndTriesWhileLockedNeitherCountNorExtendTheLock()
    {
        var guard = Guard();
        var db = redis.GetDatabase();
        var left = new List<int>();
        for (var i = 0; i < SignInRules.WrongPasswordsBeforeLock; i++)
        {
            var wrong = await guard.BeginAsync(SignInStep.Password, Account(), OpenId(i), Address(i));
            await guard.FailedAsync(wrong);
            left.Add(wrong.TriesLeftIfWrong);
        }
        Assert.Equal([4, 3, 2, 1, 0], left);
        Assert.True(await guard.IsLockedAsync(SignInStep.Password, Account()));
        var lockKey = $"h5:signin:lock:password:{Account()}";
        var ttlBefore = (await db.KeyTimeToLiveAsync(lockKey))!.Value;
        Assert.InRange(ttlBefore, SignInRules.LockTime - TimeSpan.FromMinutes(1), SignInRules.LockTime);

        await Task.Delay(1100);
        for (var i = 10; i < 15; i++)
            Assert.Equal(SignInVerdict.Locked, (await guard.BeginAsync(SignInStep.Password, Account(), OpenId(i), Address(i))).Verdict);
        Assert.True((await db.KeyTimeToLiveAsync(lockKey))!.Value < ttlBefore);
        Assert.Equal(SignInRules.WrongPasswordsBeforeLock, await db.SortedSetLengthAsync($"h5:signin:fail:password:{Account()}"));
        // Locked tries are not counted against the client either.
        Assert.Equal(0, await db.SortedSetLengthAsync($"h5:signin:addr:{Address(12)}"));
    }

    [Fact]
    public async Task ThePasswordLockStopsPasswordSignInOnlyAndAProvenResetLiftsIt()
    {
        var guard = Guard();
        for (var i = 0; i < SignInRules.WrongPasswordsBeforeLock; i++)
            await guard.FailedAsync(await guard.BeginAsync(SignInStep.Password, Account(), OpenId(i), Address(i)));
        Assert.Equal(SignInVerdict.Locked, (await guard.BeginAsync(SignInStep.Password, Account(), OpenId(), Address())).Verdict);

        // The owner's own steps keep their own counts.
        Assert.True((await guard.BeginAsync(SignInStep.SecurityAnswer, Account(), OpenId(), Address())).Allowed);
        Assert.True((await guard.BeginAsync(SignInStep.Confirm, Account(), OpenId(), Address())).Allowed);
        Assert.True((await guard.BeginAsync(SignInStep.Identity, null, OpenId(), Address())).Allowed);

        await guard.ReleaseAsync(SignInStep.Password, Account());
        var attempt = await guard.BeginAsync(SignInStep.Password, Account(), OpenId(), Address());
        Assert.True(attempt.Allowed);
        Assert.Equal(SignInRules.WrongPasswordsBeforeLock - 1, attempt.TriesLeftIfWrong);
    }

    [Fact]
    public async Task FiftyGuessesAtOnceGetOnlyFiveChecks()
    {
        // On a clock the test moves, so however long the burst takes, the five pending tries never outlive
        // SignInGuard.PendingLifetime (they would count as failures and lock the account) and the others' wait for
        // them ends when the test says; each guess has a guard of its own so the test can see it has begun.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var clocks = Enumerable.Range(0, 50).Select(_ => new CountingClock(time)).ToArray();
        var sensitive = new SensitiveData(Options.Create(new SensitiveDataOptions
        {
            EncryptionKey = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
            BlindIndexKey = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        }));
        // Checks that never end: the other 45 wait for them, then are turned away without a check.
        var guessing = Enumerable.Range(0, 50).Select(i => new SignInGuard(redis, sensitive, Options.Create(new SignInOptions()), clocks[i])
            .BeginAsync(SignInStep.Password, Account(), OpenId(i), Address(i))).ToArray();
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (!clocks.All(c => c.Reads >= 1))
        {
            Assert.True(patience.Elapsed < TimeSpan.FromSeconds(30), "not every guess reached the guard");
            await Task.Delay(10);
        }
        // Every guess has begun (and started its wait, if it must): the wait runs out, the pending tries do not.
        Assert.True(SignInGuard.BusyWait < SignInGuard.PendingLifetime);
        time.Advance(SignInGuard.BusyWait + (SignInGuard.PendingLifetime - SignInGuard.BusyWait) / 2);
        var attempts = await Task.WhenAll(guessing).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(SignInRules.WrongPasswordsBeforeLock, attempts.Count(a => a.Allowed));
        Assert.Equal(45, attempts.Count(a => a.Verdict == SignInVerdict.Busy));
        // When the five turn out wrong, the account locks and the next try is told so at once.
        var guard = new SignInGuard(redis, sensitive, Options.Create(new SignInOptions()), time);
        foreach (var attempt in attempts.Where(a => a.Allowed)) await guard.FailedAsync(attempt);
        Assert.Equal(SignInVerdict.Locked, (await guard.BeginAsync(SignInStep.Password, Account(), OpenId(), Address())).Verdict);
    }

    [Fact]
    public async Task ATryWhoseCheckNeverEndsCountsAsAFailureOnceItsTimeIsUp()
    {
        var clock = new global::Wechat.Host.Tests.Security.ManualClock(DateTimeOffset.UtcNow);
        var guard = new SignInGuard(redis, new SensitiveData(Options.Create(new SensitiveDataOptions
        {
            EncryptionKey = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
            BlindIndexKey = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        })), Options.Create(new SignInOptions()), clock);
        // An instance died during these five checks.
        for (var i = 0; i < SignInRules.WrongPasswordsBeforeLock; i++)
            Assert.True((await guard.BeginAsync(SignInStep.Password, Account(), OpenId(i), Address(i))).Allowed);
        clock.Advance(SignInGuard.PendingLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInVerdict.Locked, (await guard.BeginAsync(SignInStep.Password, Account(), OpenId(), Address())).Verdict);
    }

    [Fact]
    public async Task ASuccessForgivesItsOwnTryAndTheAccountsEarlierFailures()
    {
        var guard = Guard();
        for (var i = 0; i < 3; i++) await guard.FailedAsync(await guard.BeginAsync(SignInStep.Password, Account(), OpenId(), Address()));
        var right = await guard.BeginAsync(SignInStep.Password, Account(), OpenId(), Address());
        await guard.SucceededAsync(right);
        var db = redis.GetDatabase();
        Assert.Equal(3, await db.SortedSetLengthAsync($"h5:signin:openid:{OpenId()}"));
        Assert.Equal(0, await db.SortedSetLengthAsync($"h5:signin:fail:password:{Account()}"));
        Assert.Equal(4, (await guard.BeginAsync(SignInStep.Password, Account(), OpenId(), Address())).TriesLeftIfWrong);
    }

    [Fact]
    public async Task UnknownIdentifiersGetAStableKeyedSubjectThatNamesNoNumber()
    {
        var guard = Guard();
        var subject = guard.UnknownSubject(" 41150219900307123x ");
        Assert.Equal(subject, guard.UnknownSubject("41150219900307123X"));
        Assert.DoesNotContain("19900307", subject);
        Assert.NotEqual(subject, guard.UnknownSubject("411502199003071231"));
    }
}
