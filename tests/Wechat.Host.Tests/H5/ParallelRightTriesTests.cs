using Fund.Core.Security;
using Fund.Data.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.H5;

/// <summary>
/// A right password is no failure, however many arrive at once: the attack saw three of four parallel right submits
/// answered 账户已锁定 (the account was not left locked).
/// </summary>
/// <remarks>
/// No real time decides the verdicts: the guards' clock stands still (so neither the pending tries' lifetime nor the
/// busy wait runs out), the right tries' checks are held at a gate, and the gate opens only once the tries that found
/// the account busy have been told so and asked again.
/// </remarks>
public sealed class ParallelRightTriesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ConnectionMultiplexer redis = null!;
    private readonly string account = (460_000_000_000 + Random.Shared.NextInt64(0, 9_000_000)).ToString();
    private readonly string run = Guid.NewGuid().ToString("N")[..10];
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");

    public async Task DisposeAsync() => await redis.DisposeAsync();

    private SignInGuard Guard(TimeProvider clock) => new(redis,
        new SensitiveData(Options.Create(new SensitiveDataOptions
        {
            EncryptionKey = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
            BlindIndexKey = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
        })),
        Options.Create(new SignInOptions()), clock);

    /// <summary>A proof whose check (a password hash) ends when <paramref name="checks"/> opens, then holds.</summary>
    private static async Task<SignInVerdict> RightTryAsync(SignInGuard guard, SignInStep step, string subject, string client,
        TaskCompletionSource inCheck, Task checks)
    {
        var attempt = await guard.BeginAsync(step, subject, client, client);
        if (!attempt.Allowed) return attempt.Verdict;
        inCheck.TrySetResult();
        await checks;
        await guard.SucceededAsync(attempt);
        return attempt.Verdict;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails after a patience no healthy machine needs.</summary>
    private static async Task UntilAsync(Func<bool> condition, string failure)
    {
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(patience.Elapsed < Patience, failure);
            await Task.Delay(10);
        }
    }

    [Theory]
    [InlineData(SignInStep.Confirm)]
    [InlineData(SignInStep.Password)]
    public async Task FourParallelRightTriesAfterThreeWrongOnesAllGetIn(SignInStep step)
    {
        var guard = Guard(time);
        for (var i = 0; i < 3; i++)
        {
            var wrong = await guard.BeginAsync(step, account, $"{run}-w{i}", $"{run}-w{i}");
            Assert.True(wrong.Allowed);
            await guard.FailedAsync(wrong);
        }
        var checks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inCheck = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        // Two right tries take the account's last two tries and are being checked.
        var checking = Enumerable.Range(0, 2).Select(i => RightTryAsync(guard, step, account, $"{run}-r{i}", inCheck[i], checks.Task)).ToArray();
        await Task.WhenAll(inCheck[0].Task, inCheck[1].Task).WaitAsync(Patience);

        // Two more arrive meanwhile: every try is taken (three failed, two pending), so they must wait for the checks.
        var clocks = new[] { new CountingClock(time), new CountingClock(time) };
        var waiting = Enumerable.Range(0, 2).Select(i => RightTryAsync(Guard(clocks[i]), step, account, $"{run}-r{i + 2}", inCheck[i + 2], checks.Task)).ToArray();
        // Each has been answered busy and asked again (or, were it not to wait, given up, or been let in) before the checks end.
        await UntilAsync(() => Enumerable.Range(0, 2).All(i => clocks[i].Reads >= 2 || waiting[i].IsCompleted || inCheck[i + 2].Task.IsCompleted),
            "the tries that came while the account was busy never asked again");
        Assert.All(inCheck[2..], c => Assert.False(c.Task.IsCompleted));

        checks.SetResult();
        var verdicts = await Task.WhenAll(checking.Concat(waiting)).WaitAsync(Patience);
        Assert.All(verdicts, v => Assert.Equal(SignInVerdict.Allowed, v));
        Assert.False(await guard.IsLockedAsync(step, account));
    }
}
