using Fund.Core.Security;
using Fund.Data.Security;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.H5;

/// <summary>
/// A right password is no failure, however many arrive at once: the attack saw three of four parallel right submits
/// answered 账户已锁定 (the account was not left locked).
/// </summary>
public sealed class ParallelRightTriesTests : IAsyncLifetime
{
    private ConnectionMultiplexer redis = null!;
    private readonly string account = (460_000_000_000 + Random.Shared.NextInt64(0, 9_000_000)).ToString();
    private readonly string run = Guid.NewGuid().ToString("N")[..10];

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");

    public async Task DisposeAsync() => await redis.DisposeAsync();

    private SignInGuard Guard() => new(redis,
        new SensitiveData(Options.Create(new SensitiveDataOptions
        {
            EncryptionKey = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
            BlindIndexKey = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        })),
        Options.Create(new SignInOptions()), TimeProvider.System);

    /// <summary>A proof whose check takes as long as a password hash, then holds.</summary>
    private static async Task<SignInVerdict> RightTryAsync(SignInGuard guard, SignInStep step, string subject, string client)
    {
        var attempt = await guard.BeginAsync(step, subject, client, client);
        if (!attempt.Allowed) return attempt.Verdict;
        await Task.Delay(150);
        await guard.SucceededAsync(attempt);
        return attempt.Verdict;
    }

    [Theory]
    [InlineData(SignInStep.Confirm)]
    [InlineData(SignInStep.Password)]
    public async Task FourParallelRightTriesAfterThreeWrongOnesAllGetIn(SignInStep step)
    {
        var guard = Guard();
        for (var i = 0; i < 3; i++)
        {
            var wrong = await guard.BeginAsync(step, account, $"{run}-w{i}", $"{run}-w{i}");
            Assert.True(wrong.Allowed);
            await guard.FailedAsync(wrong);
        }
        var verdicts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => RightTryAsync(guard, step, account, $"{run}-r{i}")));
        Assert.All(verdicts, v => Assert.Equal(SignInVerdict.Allowed, v));
        Assert.False(await guard.IsLockedAsync(step, account));
    }
}
