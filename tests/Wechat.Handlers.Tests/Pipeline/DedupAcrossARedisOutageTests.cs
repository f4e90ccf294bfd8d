using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Pipeline;

/// <summary>
/// A push whose deliveries straddle the start or the end of a Redis outage, on two instances: one store sees the
/// first delivery, the other the retry, and the handler must still run once.
/// </summary>
public sealed class DedupAcrossARedisOutageTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    /// <summary>The host keeps claims in MariaDB; the rules are the same in memory.</summary>
    private sealed class InMemoryClaims : IPushClaimFallback
    {
        public readonly ConcurrentDictionary<string, string?> Claims = new();

        public Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct) => Task.FromResult(Claims.TryAdd(dedupKey, null));
        public Task<string?> ReplyAsync(string dedupKey, CancellationToken ct) => Task.FromResult(Claims.GetValueOrDefault(dedupKey));
        public Task<bool> ExistsAsync(string dedupKey, CancellationToken ct) => Task.FromResult(Claims.ContainsKey(dedupKey));
        public Task StoreReplyAsync(string dedupKey, string reply, TimeSpan lifetime, CancellationToken ct) { Claims[dedupKey] = reply; return Task.CompletedTask; }
        public Task ReleaseAsync(string dedupKey, CancellationToken ct) { Claims.TryRemove(dedupKey, out _); return Task.CompletedTask; }
        public Task HandOverAsync(IReadOnlyList<(string DedupKey, string? Reply)> claims, TimeSpan lifetime, CancellationToken ct)
        {
            foreach (var (key, reply) in claims) Claims.TryAdd(key, reply);
            return Task.CompletedTask;
        }
    }

    private static readonly MessagePipelineOptions Timings = new() { RetryPollInterval = TimeSpan.FromMilliseconds(20) };

    private static DedupStep Instance(IConnectionMultiplexer redis, IPushClaimFallback claims) => Instance(redis, Fallback(claims));

    private static DedupStep Instance(IConnectionMultiplexer redis, FallbackDedup fallback) =>
        new(redis, Timings, TimeProvider.System, NullLogger<DedupStep>.Instance, fallback);

    private static FallbackDedup Fallback(IPushClaimFallback claims) => new(claims, Timings, TimeProvider.System, NullLogger<FallbackDedup>.Instance);

    private static TextMessage Text() => new("gh_outage", "o-outage", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "余额",
        Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task APushHandledInRedisJustBeforeItStopsIsNotHandledAgainByARetryDuringTheOutage()
    {
        using var redis = RedisOfItsOwn.Start();
        using var first = await RedisOfItsOwn.ConnectedAsync($"127.0.0.1:{redis.Port},abortConnect=false,connectTimeout=300,asyncTimeout=500");
        using var down = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,asyncTimeout=300");
        var claims = new InMemoryClaims();
        var (instance1, instance2) = (Instance(first, claims), Instance(down, claims));
        var runs = 0;
        MessageDelegate handler = _ => ValueTask.FromResult<Reply>(new TextReply($"余额 {Interlocked.Increment(ref runs)}"));
        var message = Text();

        var firstReply = await instance1.InvokeAsync(new MessageContext(message), handler);
        redis.Kill();
        // Instance 1 hands its recent claims over when its connection fails, without waiting for a push of its own.
        var handedOver = Stopwatch.StartNew();
        while (!claims.Claims.ContainsKey(message.DedupKey) && handedOver.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        var retry = await instance2.InvokeAsync(new MessageContext(message), handler);

        Assert.Equal(new TextReply("余额 1"), firstReply);
        Assert.Equal(firstReply, retry);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task AfterTheOutageAnInstanceThatNeverNeededTheFallbackStillFindsAPushHandledThere()
    {
        using var down = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,asyncTimeout=300");
        var claims = new InMemoryClaims();
        var instance1Fallback = Fallback(claims);
        var runs = 0;
        MessageDelegate handler = _ => ValueTask.FromResult<Reply>(new TextReply($"余额 {Interlocked.Increment(ref runs)}"));
        var (duringOutage, afterOutage) = (Text(), Text());
        try
        {
            // Instance 1 handles a push while Redis is away, then, Redis back, another one: it leaves the marker.
            var during = await Instance(down, instance1Fallback).InvokeAsync(new MessageContext(duringOutage), handler);
            await Instance(fixture.Redis, instance1Fallback).InvokeAsync(new MessageContext(afterOutage), handler);
            // WeChat's retry of the first push reaches instance 2, which saw nothing of the outage.
            var retry = await Instance(fixture.Redis, claims).InvokeAsync(new MessageContext(duringOutage), handler);

            Assert.Equal(new TextReply("余额 1"), during);
            Assert.Equal(during, retry);
            Assert.Equal(2, runs);
        }
        finally
        {
            await fixture.Redis.GetDatabase().KeyDeleteAsync(DedupStep.FallbackUsedKey);
        }
    }

    /// <summary>
    /// A crash of Redis (SIGKILL, as a power cut) loses what it had not yet written to disk: with the deployment's AOF
    /// everysec the last second or so, without persistence everything. The worst case: the claim and stored reply of
    /// a push handled just before the crash are gone when Redis is back, and WeChat's retry then reaches the other
    /// instance, which handled nothing during the short outage. It must still get the first reply, not a second run.
    /// </summary>
    [Fact]
    public async Task APushWhoseClaimACrashOfRedisLostIsNotHandledAgainByARetryAfterTheRestart()
    {
        using var crashed = RedisOfItsOwn.Start();
        var configuration = $"127.0.0.1:{crashed.Port},abortConnect=false,connectTimeout=300,asyncTimeout=500";
        using var one = await RedisOfItsOwn.ConnectedAsync(configuration);
        using var two = await RedisOfItsOwn.ConnectedAsync(configuration);
        var claims = new InMemoryClaims();
        var (instance1, instance2) = (Instance(one, claims), Instance(two, claims));
        var runs = 0;
        MessageDelegate handler = _ => ValueTask.FromResult<Reply>(new TextReply($"余额 {Interlocked.Increment(ref runs)}"));
        var message = Text();

        var firstReply = await instance1.InvokeAsync(new MessageContext(message), handler);
        var failedSeen = new[] { one, two }.Select(m => OnEvent(h => m.ConnectionFailed += h)).ToList();
        var restoredSeen = new[] { one, two }.Select(m => OnEvent(h => m.ConnectionRestored += h)).ToList();
        crashed.Kill();
        // Back on the same port with nothing of what it held: the claim and the reply were written after the last fsync.
        using var restarted = RedisOfItsOwn.Start(crashed.Port);
        await Task.WhenAll(failedSeen).WaitAsync(TimeSpan.FromSeconds(15));
        await Task.WhenAll(restoredSeen).WaitAsync(TimeSpan.FromSeconds(15));
        // Restored may be the subscription connection's: wait until commands go through again.
        var reconnect = Stopwatch.StartNew();
        while (reconnect.Elapsed < TimeSpan.FromSeconds(15))
        {
            try { await two.GetDatabase().PingAsync(); await one.GetDatabase().PingAsync(); break; }
            catch (RedisException) { await Task.Delay(50); }
            catch (TimeoutException) { await Task.Delay(50); }
        }
        // Instance 1 handed its recent claims over when its connection failed (in the background).
        var handedOver = Stopwatch.StartNew();
        while (!claims.Claims.ContainsKey(message.DedupKey) && handedOver.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        Assert.False(await two.GetDatabase().KeyExistsAsync(DedupStep.KeyFor(message)));
        var retry = await instance2.InvokeAsync(new MessageContext(message), handler);

        Assert.Equal(new TextReply("余额 1"), firstReply);
        Assert.Equal(firstReply, retry);
        Assert.Equal(1, runs);
    }

    /// <summary>Completes when the multiplexer raises the event <paramref name="subscribe"/> attaches a handler to.</summary>
    private static Task OnEvent(Action<EventHandler<ConnectionFailedEventArgs>> subscribe)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe((_, _) => seen.TrySetResult());
        return seen.Task;
    }
}
