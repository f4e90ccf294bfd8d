using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Pipeline;

/// <summary>While Redis is away, WeChat's retries are deduplicated through the fallback store instead.</summary>
public sealed class FallbackDedupTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    /// <summary>The host keeps claims in MariaDB; the rules are the same in memory.</summary>
    private sealed class InMemoryClaims : IPushClaimFallback
    {
        private readonly ConcurrentDictionary<string, string?> _claims = new();

        public Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct) => Task.FromResult(_claims.TryAdd(dedupKey, null));
        public Task<string?> ReplyAsync(string dedupKey, CancellationToken ct)
        {
            var reply = _claims.GetValueOrDefault(dedupKey);
            if (reply is null) AskedBeforeTheReply.TrySetResult();
            return Task.FromResult(reply);
        }

        /// <summary>Completes when a delivery first asks for a reply not stored yet (a retry waiting for the first one).</summary>
        public TaskCompletionSource AskedBeforeTheReply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<bool> ExistsAsync(string dedupKey, CancellationToken ct) => Task.FromResult(_claims.ContainsKey(dedupKey));
        public Task StoreReplyAsync(string dedupKey, string reply, TimeSpan lifetime, CancellationToken ct) { _claims[dedupKey] = reply; return Task.CompletedTask; }
        public Task ReleaseAsync(string dedupKey, CancellationToken ct) { _claims.TryRemove(dedupKey, out _); return Task.CompletedTask; }
    }

    private static readonly MessagePipelineOptions Timings = new() { RetryPollInterval = TimeSpan.FromMilliseconds(20) };

    private static DedupStep Step(IConnectionMultiplexer redis, IPushClaimFallback claims, MessagePipelineOptions? timings = null) =>
        new(redis, timings ?? Timings, TimeProvider.System, NullLogger<DedupStep>.Instance,
            new FallbackDedup(claims, timings ?? Timings, TimeProvider.System, NullLogger<FallbackDedup>.Instance));

    private static TextMessage Text() => Text(DateTimeOffset.UtcNow);

    /// <summary>A 余额 push WeChat created at <paramref name="createdAt"/>, with a message id of its own.</summary>
    private static TextMessage Text(DateTimeOffset createdAt) => new("gh_fallback", "o-fallback", createdAt.ToUnixTimeSeconds(), "余额",
        Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task WhileRedisIsDownARetryOnAnotherInstanceGetsTheFirstDeliverysReplyAndTheHandlerRunsOnce()
    {
        using var down = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,asyncTimeout=300");
        var claims = new InMemoryClaims();
        // The retry waits for the first delivery's reply for as long as any machine needs: the handler works until the
        // test lets it finish, and that is only once the retry waits for its reply.
        var timings = new MessagePipelineOptions { RetryPollInterval = TimeSpan.FromMilliseconds(20), RetryWait = TimeSpan.FromSeconds(60) };
        var (first, second) = (Step(down, claims, timings), Step(down, claims, timings)); // two instances
        var runs = 0;
        var working = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        MessageDelegate handler = async _ =>
        {
            var n = Interlocked.Increment(ref runs);
            working.TrySetResult();
            await finish.Task;
            return new TextReply($"余额 {n}");
        };
        var message = Text();
        var patience = TimeSpan.FromSeconds(30);

        var firstDelivery = first.InvokeAsync(new MessageContext(message), handler).AsTask();
        await working.Task.WaitAsync(patience);
        var retry = second.InvokeAsync(new MessageContext(message), handler).AsTask();
        await Task.WhenAny(claims.AskedBeforeTheReply.Task, retry).WaitAsync(patience); // (a retry that did not wait has answered)
        finish.SetResult();

        Assert.Equal(new TextReply("余额 1"), await firstDelivery.WaitAsync(patience));
        Assert.Equal(new TextReply("余额 1"), await retry.WaitAsync(patience));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task ARetryThatFindsRedisBackStillGetsTheReplyHandledDuringTheOutage()
    {
        using var down = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,asyncTimeout=300");
        var claims = new InMemoryClaims();
        var fallback = new FallbackDedup(claims, Timings, TimeProvider.System, NullLogger<FallbackDedup>.Instance);
        var runs = 0;
        MessageDelegate handler = _ => ValueTask.FromResult<Reply>(new TextReply($"余额 {Interlocked.Increment(ref runs)}"));
        var message = Text();

        var during = await new DedupStep(down, Timings, TimeProvider.System, NullLogger<DedupStep>.Instance, fallback)
            .InvokeAsync(new MessageContext(message), handler);
        var after = await new DedupStep(fixture.Redis, Timings, TimeProvider.System, NullLogger<DedupStep>.Instance, fallback)
            .InvokeAsync(new MessageContext(message), handler);
        var later = await new DedupStep(fixture.Redis, Timings, TimeProvider.System, NullLogger<DedupStep>.Instance, fallback)
            .InvokeAsync(new MessageContext(message), handler);

        Assert.Equal(new TextReply("余额 1"), during);
        Assert.Equal(during, after);
        Assert.Equal(during, later);
        Assert.Equal(1, runs);
    }

    /// <summary>
    /// At the start of an outage a push waits (what is left of <see cref="MessagePipelineOptions.FallbackHandOverWait"/>)
    /// before it is claimed in the fallback, so other instances' hand-overs land first; the wait is bounded when none
    /// comes (the other instance crashed too), later pushes of the outage do not wait, and the handler's budget
    /// shrinks by what was waited. A new outage, after Redis answered again, waits again.
    /// </summary>
    [Fact]
    public async Task OnlyThePushesOfAnOutagesFirstMomentWaitForHandOversAndTheWaitIsBounded()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var fallback = new FallbackDedup(new InMemoryClaims(), Timings, clock, NullLogger<FallbackDedup>.Instance);
        var runs = 0;
        MessageDelegate handler = _ => ValueTask.FromResult<Reply>(new TextReply($"余额 {Interlocked.Increment(ref runs)}"));
        var wait = Timings.FallbackHandOverWait;

        var first = new MessageContext(Text());
        var firstReply = fallback.InvokeAsync(first, handler, _ => { }).AsTask();
        await Task.Delay(200);
        Assert.False(firstReply.IsCompleted);
        Assert.Equal(0, runs);
        clock.Advance(wait / 3);
        var early = new MessageContext(Text());
        var earlyReply = fallback.InvokeAsync(early, handler, _ => { }).AsTask(); // waits only for the rest
        clock.Advance(wait - wait / 3);
        await Task.WhenAll(firstReply, earlyReply).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, runs);
        Assert.Equal(wait, first.SpentBeforeHandler);
        Assert.Equal(wait - wait / 3, early.SpentBeforeHandler);

        // Later in the outage: no wait at all (the fake clock stands still).
        var later = new MessageContext(Text());
        await fallback.InvokeAsync(later, handler, _ => { }).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, later.SpentBeforeHandler);
        Assert.Equal(3, runs);

        // Redis answered, then failed again: the new outage's first push waits again.
        fallback.RedisAnswered();
        clock.Advance(TimeSpan.FromMinutes(1));
        var nextOutage = fallback.InvokeAsync(new MessageContext(Text()), handler, _ => { }).AsTask();
        await Task.Delay(200);
        Assert.False(nextOutage.IsCompleted);
        clock.Advance(wait);
        await nextOutage.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4, runs);
    }

    /// <summary>MariaDB away as well (a Redis outage followed by a MariaDB restart, in the fault run).</summary>
    [Fact]
    public async Task AfterTheClaimBesideRedisEndsAnOutagesPushIsStillNotHandledWhenTheFallbackCannotSayWhetherItWasHandledThere()
    {
        // The fault run's r6: a push handled in MariaDB during the outage, its delivery claimed in Redis once the 30 s
        // of claims beside Redis were over, MariaDB not answering whether it was handled: it was handled again.
        var clock = new Api.ManualTimeProvider(DateTimeOffset.UtcNow);
        var fallback = new FallbackDedup(new Unreachable(), Timings, clock, NullLogger<FallbackDedup>.Instance);
        fallback.MarkUsed();      // Redis failed under this instance…
        fallback.RedisAnswered(); // …and answers again
        clock.Advance(Timings.FallbackClaimAfterOutage + TimeSpan.FromSeconds(1));
        Assert.False(fallback.JustAfterOutage);
        Assert.True(fallback.RecentlyUsed);
        var step = new DedupStep(fixture.Redis, Timings, clock, NullLogger<DedupStep>.Instance, fallback);
        var runs = 0;
        MessageDelegate handler = _ => ValueTask.FromResult<Reply>(new TextReply($"余额 {Interlocked.Increment(ref runs)}"));
        var push = Text(DateTimeOffset.UtcNow.AddSeconds(-8));

        await Assert.ThrowsAsync<TimeoutException>(async () => await step.InvokeAsync(new MessageContext(push), handler));

        Assert.Equal(0, runs);
        Assert.False(await fixture.Redis.GetDatabase().KeyExistsAsync(DedupStep.KeyFor(push)));

        // A push created well after the outage is new to every store: handled, with MariaDB away or not.
        var fresh = Text(clock.GetUtcNow().AddSeconds(15));
        Assert.Equal(new TextReply("余额 1"), await step.InvokeAsync(new MessageContext(fresh), handler));
    }

    /// <summary>
    /// Redis away and MariaDB not answering the claim either (down, or its pool exhausted under load): another delivery
    /// of the push may be running on another instance, so the push is not handled; the guard answers the busy text.
    /// It used to be handled without dedup, which the fault run at 200 pushes/s turned into pushes handled twice.
    /// </summary>
    [Fact]
    public async Task WhenNeitherRedisNorTheFallbackCanClaimAPushItIsNotHandled()
    {
        using var down = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,asyncTimeout=300");
        var step = Step(down, new Unreachable());
        var runs = 0;
        MessageDelegate handler = _ => ValueTask.FromResult<Reply>(new TextReply($"余额 {Interlocked.Increment(ref runs)}"));

        await Assert.ThrowsAsync<TimeoutException>(async () => await step.InvokeAsync(new MessageContext(Text()), handler));
        await Assert.ThrowsAsync<TimeoutException>(async () => await step.InvokeAsync(new MessageContext(Text()), handler));

        Assert.Equal(0, runs);
    }

    private sealed class Unreachable : IPushClaimFallback
    {
        public Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct) => throw new TimeoutException("MariaDB away");
        public Task<string?> ReplyAsync(string dedupKey, CancellationToken ct) => throw new TimeoutException("MariaDB away");
        public Task<bool> ExistsAsync(string dedupKey, CancellationToken ct) => throw new TimeoutException("MariaDB away");
        public Task StoreReplyAsync(string dedupKey, string reply, TimeSpan lifetime, CancellationToken ct) => throw new TimeoutException("MariaDB away");
        public Task ReleaseAsync(string dedupKey, CancellationToken ct) => throw new TimeoutException("MariaDB away");
    }

    /// <summary>
    /// Right after a Redis outage a push may have been handled in the fallback by an instance not yet reconnected. If
    /// MariaDB does not answer then, that is unknown: the push is not handled (the guard answers the busy text) and its
    /// Redis claim is released, so WeChat's retry can try again. The fault run handled such pushes twice.
    /// </summary>
    [Fact]
    public async Task RightAfterAnOutageAPushIsNotHandledWhenTheFallbackCannotSayWhetherItWasHandledThere()
    {
        var fallback = new FallbackDedup(new Unreachable(), Timings, TimeProvider.System, NullLogger<FallbackDedup>.Instance);
        fallback.MarkUsed();      // Redis failed under this instance…
        fallback.RedisAnswered(); // …and answers again
        var step = new DedupStep(fixture.Redis, Timings, TimeProvider.System, NullLogger<DedupStep>.Instance, fallback);
        var runs = 0;
        MessageDelegate handler = _ => ValueTask.FromResult<Reply>(new TextReply($"余额 {Interlocked.Increment(ref runs)}"));
        // Created during the outage (WeChat's retry of it comes after): it may have been handled in the fallback.
        var push = Text(DateTimeOffset.UtcNow.AddSeconds(-8));

        await Assert.ThrowsAsync<TimeoutException>(async () => await step.InvokeAsync(new MessageContext(push), handler));

        Assert.Equal(0, runs);
        Assert.False(await fixture.Redis.GetDatabase().KeyExistsAsync(DedupStep.KeyFor(push)));

        // A push WeChat created well after the outage cannot have been handled there: it is handled.
        var fresh = Text(DateTimeOffset.UtcNow.AddSeconds(15));
        Assert.Equal(new TextReply("余额 1"), await step.InvokeAsync(new MessageContext(fresh), handler));
    }
}
