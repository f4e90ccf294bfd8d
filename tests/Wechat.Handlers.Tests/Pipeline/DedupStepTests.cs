using Microsoft.Extensions.Logging.Abstractions;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Pipeline;

public sealed class DedupStepTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    // No test here is about a retry giving up: the wait is long enough for any machine, and a retry returns as soon as
    // the reply is stored (or the claim released).
    private readonly MessagePipelineOptions _options = new()
    {
        RetryWait = TimeSpan.FromSeconds(60),
        RetryPollInterval = TimeSpan.FromMilliseconds(20),
    };

    private static TextMessage Delivery(string test) =>
        new("gh_us", "o-" + test, 1_700_000_000, "余额", test + "-" + Guid.NewGuid().ToString("N"));

    private MessageDelegate Pipeline(MessageDelegate handler) => new MessagePipelineBuilder()
        .Use(new DedupStep(fixture.Redis, _options, TimeProvider.System, NullLogger<DedupStep>.Instance).InvokeAsync)
        .Build(handler);

    [Fact]
    public async Task ThreeConcurrentDeliveriesRunTheHandlerOnceAndGetTheSameReply()
    {
        var runs = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = Pipeline(async _ =>
        {
            var run = Interlocked.Increment(ref runs);
            started.TrySetResult();
            await release.Task;
            return new TextReply("第" + run + "次处理");
        });
        var message = Delivery(nameof(ThreeConcurrentDeliveriesRunTheHandlerOnceAndGetTheSameReply));

        var deliveries = Enumerable.Range(0, 3).Select(_ => Task.Run(() => app(new MessageContext(message)).AsTask())).ToArray();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Let the two retries find the claim and start waiting before the first delivery finishes.
        await Task.Delay(300);
        release.SetResult();
        var replies = await Task.WhenAll(deliveries);

        Assert.Equal(1, runs);
        Assert.All(replies, r => Assert.Equal(new TextReply("第1次处理"), r));
    }

    [Fact]
    public async Task TheClaimReadsTheKeyAStepAskedForInTheSameRoundTrip()
    {
        var key = "test:prefetch:" + Guid.NewGuid().ToString("N");
        await fixture.Redis.GetDatabase().StringSetAsync(key, "1234");
        var app = Pipeline(_ => ValueTask.FromResult<Reply>(new TextReply("ok")));

        var asked = new MessageContext(Delivery(nameof(TheClaimReadsTheKeyAStepAskedForInTheSameRoundTrip))) { PrefetchKey = key };
        await app(asked);
        var missing = new MessageContext(Delivery(nameof(TheClaimReadsTheKeyAStepAskedForInTheSameRoundTrip))) { PrefetchKey = key + ":none" };
        await app(missing);
        var notAsked = new MessageContext(Delivery(nameof(TheClaimReadsTheKeyAStepAskedForInTheSameRoundTrip)));
        await app(notAsked);

        Assert.Equal((true, "1234"), (asked.PrefetchDone, asked.Prefetched));
        Assert.Equal((true, (string?)null), (missing.PrefetchDone, missing.Prefetched));
        Assert.False(notAsked.PrefetchDone);
    }

    [Fact]
    public async Task ARetryAfterTheFirstDeliveryFinishedGetsTheStoredReply()
    {
        var runs = 0;
        var app = Pipeline(_ => ValueTask.FromResult<Reply>(new TextReply("回复" + Interlocked.Increment(ref runs))));
        var message = Delivery(nameof(ARetryAfterTheFirstDeliveryFinishedGetsTheStoredReply));

        var first = await app(new MessageContext(message));
        var retry = await app(new MessageContext(message));

        Assert.Equal(1, runs);
        Assert.Equal(new TextReply("回复1"), first);
        Assert.Equal(first, retry);
        var stored = await fixture.Redis.GetDatabase().StringGetAsync("wechat:dedup:" + message.DedupKey);
        Assert.Equal(first, StoredReply.Deserialize(stored.ToString()));
    }

    [Fact]
    public async Task AFailedFirstDeliveryReleasesItsClaimSoTheRetryRuns()
    {
        var runs = 0;
        var app = Pipeline(_ => Interlocked.Increment(ref runs) == 1
            ? throw new InvalidOperationException("database down")
            : ValueTask.FromResult<Reply>(new TextReply("第二次成功")));
        var message = Delivery(nameof(AFailedFirstDeliveryReleasesItsClaimSoTheRetryRuns));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await app(new MessageContext(message)));
        var retry = await app(new MessageContext(message));

        Assert.Equal(2, runs);
        Assert.Equal(new TextReply("第二次成功"), retry);
    }

    [Fact]
    public async Task ARetryWaitingOnAFirstDeliveryThatFailsRunsTheHandlerItself()
    {
        var runs = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = Pipeline(async _ =>
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                started.SetResult();
                await release.Task;
                throw new InvalidOperationException("first delivery fails");
            }

            return new TextReply("重试成功");
        });
        var message = Delivery(nameof(ARetryWaitingOnAFirstDeliveryThatFailsRunsTheHandlerItself));

        var first = Task.Run(() => app(new MessageContext(message)).AsTask());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var retry = Task.Run(() => app(new MessageContext(message)).AsTask());
        await Task.Delay(200);
        release.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal(new TextReply("重试成功"), await retry);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task DifferentMessagesAreNotDuplicatesOfEachOther()
    {
        var runs = 0;
        var app = Pipeline(_ => ValueTask.FromResult<Reply>(new TextReply("回复" + Interlocked.Increment(ref runs))));

        await app(new MessageContext(Delivery("one")));
        await app(new MessageContext(Delivery("two")));

        Assert.Equal(2, runs);
    }
}
