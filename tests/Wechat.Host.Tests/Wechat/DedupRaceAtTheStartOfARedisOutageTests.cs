using System.Diagnostics;
using Fund.Data;
using Fund.Data.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using StackExchange.Redis;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;
using Wechat.Handlers.Tests.Pipeline;

namespace Wechat.Host.Tests.Wechat;

/// <summary>
/// The race the fault run found 2–3 times per run (issue 21): instance A handles a push in Redis in the last moment
/// before Redis goes away; WeChat's racing duplicate reaches instance B, which sees Redis gone and goes to the MariaDB
/// fallback before A has handed its recent claims over. Real Redis (one of the test's own, SIGKILLed) and the real
/// MariaDB <c>push_claim</c> table through the host's own fallback store.
/// </summary>
public sealed class DedupRaceAtTheStartOfARedisOutageTests
{
    /// <summary>
    /// Instance A's hand-over, later than B's duplicate: in the fault run A noticed the failure some hundreds of
    /// milliseconds after B (a loaded machine, a pool connection to open, thousands of claims to write). The delay
    /// puts that order into the test instead of leaving it to the scheduler.
    /// </summary>
    private sealed class LateHandOver(IPushClaimFallback inner, TimeSpan late) : IPushClaimFallback
    {
        public Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct) => inner.TryClaimAsync(dedupKey, lifetime, ct);
        public Task<string?> ReplyAsync(string dedupKey, CancellationToken ct) => inner.ReplyAsync(dedupKey, ct);
        public Task<bool> ExistsAsync(string dedupKey, CancellationToken ct) => inner.ExistsAsync(dedupKey, ct);
        public Task StoreReplyAsync(string dedupKey, string reply, TimeSpan lifetime, CancellationToken ct) => inner.StoreReplyAsync(dedupKey, reply, lifetime, ct);
        public Task ReleaseAsync(string dedupKey, CancellationToken ct) => inner.ReleaseAsync(dedupKey, ct);

        public async Task HandOverAsync(IReadOnlyList<(string DedupKey, string? Reply)> claims, TimeSpan lifetime, CancellationToken ct)
        {
            await Task.Delay(late, ct);
            await inner.HandOverAsync(claims, lifetime, ct);
        }
    }

    private static readonly MessagePipelineOptions Timings = new() { RetryPollInterval = TimeSpan.FromMilliseconds(20) };

    private static IPushClaimFallback MariaDb() => new MariaDbPushClaims(new PushClaimStore(new FundDatabase(
        new MySqlDataSourceBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Fund") ?? FundHostFactory.TestDatabase).Build())));

    private static DedupStep Instance(IConnectionMultiplexer redis, IPushClaimFallback claims) =>
        new(redis, Timings, TimeProvider.System, NullLogger<DedupStep>.Instance,
            new FallbackDedup(claims, Timings, TimeProvider.System, NullLogger<FallbackDedup>.Instance));

    private static TextMessage Text() => new("gh_race", "o-race", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "余额",
        Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task ARacingDuplicateOnAnotherInstanceWaitsForTheFirstInstancesHandOver()
    {
        using var redis = RedisOfItsOwn.Start();
        var configuration = $"127.0.0.1:{redis.Port},abortConnect=false,connectTimeout=300,asyncTimeout=500";
        using var a = await ConnectionMultiplexer.ConnectAsync(configuration);
        using var b = await ConnectionMultiplexer.ConnectAsync(configuration);
        var (instanceA, instanceB) = (Instance(a, new LateHandOver(MariaDb(), TimeSpan.FromMilliseconds(400))), Instance(b, MariaDb()));
        var runs = 0;
        MessageDelegate handler = _ => ValueTask.FromResult<Reply>(new TextReply($"余额 {Interlocked.Increment(ref runs)}"));
        var push = Text();
        // Both instances have handled pushes in Redis before (B's own are handed over too, as in the cluster).
        await instanceB.InvokeAsync(new MessageContext(Text()), handler);

        var first = await instanceA.InvokeAsync(new MessageContext(push), handler);
        redis.Kill();
        // The duplicate reaches B the moment B knows Redis is gone (or B's own command to it fails).
        var gone = Stopwatch.StartNew();
        while (b.IsConnected && gone.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(5);
        var duplicate = await instanceB.InvokeAsync(new MessageContext(push), handler);

        Assert.Equal(new TextReply("余额 2"), first);
        Assert.Equal(first, duplicate);
        Assert.Equal(2, runs);
    }
}
