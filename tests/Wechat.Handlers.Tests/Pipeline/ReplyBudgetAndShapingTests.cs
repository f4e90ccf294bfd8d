using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Pipeline;

public sealed class ReplyBudgetAndShapingTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private static MessagePipeline WithTerminal(PipelineRig rig, MessageDelegate handler) => new(new MessagePipelineBuilder()
        .Use(rig.Get<GuardStep>().InvokeAsync)
        .Use(rig.Get<DedupStep>().InvokeAsync)
        .Use(rig.Get<ReplyShapingStep>().InvokeAsync)
        .Use(rig.Get<ReplyBudgetStep>().InvokeAsync)
        .Build(handler));

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A clock the test moves, which tells the test when a timer of a given length has been set on it.</summary>
    private sealed class WatchedClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
    {
        private readonly ConcurrentDictionary<TimeSpan, TaskCompletionSource> _set = new();

        /// <summary>Completes once a timer due in <paramref name="dueTime"/> has been set.</summary>
        public Task TimerSet(TimeSpan dueTime) => Signal(dueTime).Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Signal(dueTime).TrySetResult();
            return timer;
        }

        private TaskCompletionSource Signal(TimeSpan dueTime) =>
            _set.GetOrAdd(dueTime, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    [Fact]
    public async Task ASlowHandlerGetsSuccessNowAndItsTextArrivesAsACustomerServiceMessage()
    {
        // The budget runs on a clock the test moves, and the handler works until the test lets it finish: it is still
        // working when the budget runs out however slow the machine is.
        var clock = new WatchedClock();
        var budget = TimeSpan.FromMilliseconds(200);
        using var rig = new PipelineRig(fixture.Redis, o => o.ReplyBudget = budget, clock);
        var runs = 0;
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = WithTerminal(rig, async ctx =>
        {
            Interlocked.Increment(ref runs);
            await finish.Task.WaitAsync(ctx.RequestAborted);
            return new TextReply("慢查询的结果");
        });
        var message = rig.Text("余额");

        var answering = pipeline.HandleAsync(new MessageContext(message)).AsTask();
        await clock.TimerSet(budget).WaitAsync(Patience);
        Assert.False(answering.IsCompleted, "answered before the budget ran out");
        clock.Advance(budget);
        var reply = await answering.WaitAsync(Patience);

        Assert.Same(SuccessReply.Instance, reply);
        finish.SetResult();
        Assert.Equal((rig.OpenId, "慢查询的结果"), await rig.Sender.NextAsync(Patience));

        var retry = await pipeline.HandleAsync(new MessageContext(message)).AsTask().WaitAsync(Patience);
        Assert.Same(SuccessReply.Instance, retry);
        Assert.Equal(1, runs);
        Assert.True(await rig.Sender.NothingMoreAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task AHandlerWithinTheBudgetAnswersPassivelyAndSendsNothingElse()
    {
        using var rig = new PipelineRig(fixture.Redis, o => o.ReplyBudget = TimeSpan.FromSeconds(2));
        var pipeline = WithTerminal(rig, _ => ValueTask.FromResult<Reply>(new TextReply("很快")));

        Assert.Equal(new TextReply("很快"), await pipeline.HandleAsync(new MessageContext(rig.Text("余额"))));
        Assert.True(await rig.Sender.NothingMoreAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task ALongTextIsCutToFitAPassiveReplyAndTheRestIsSentOnce()
    {
        using var rig = new PipelineRig(fixture.Redis);
        var lines = string.Join("\n", Enumerable.Range(1, 120).Select(i => $"第{i:000}行：服务网点信息"));
        var pipeline = WithTerminal(rig, _ => ValueTask.FromResult<Reply>(new TextReply(lines)));
        var message = rig.Text("网点");

        var passive = Assert.IsType<TextReply>(await pipeline.HandleAsync(new MessageContext(message)));
        var overflow = await rig.Sender.NextAsync();

        Assert.True(passive.FitsInPassiveReply);
        Assert.EndsWith("\n", passive.Content);
        Assert.Equal(lines, passive.Content + overflow.Text);
        Assert.Equal(passive, await pipeline.HandleAsync(new MessageContext(message)));
        Assert.True(await rig.Sender.NothingMoreAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task AFailingHandlerGetsThePoliteBusyText()
    {
        using var rig = new PipelineRig(fixture.Redis);
        var pipeline = WithTerminal(rig, _ => throw new InvalidOperationException("account " + InMemoryFund.IdNumber));

        var reply = await pipeline.HandleAsync(new MessageContext(rig.Text("余额")));

        Assert.Equal(new TextReply(GuardStep.BusyText), reply);
    }

    [Fact]
    public async Task CustomerServiceTextOverTheLimitGoesAsSeveralMessages()
    {
        using var rig = new PipelineRig(fixture.Redis);
        var text = new string('公', 1500);

        await rig.Get<CustomerServiceDelivery>().SendInPartsAsync(rig.OpenId, text, CancellationToken.None);

        // 4500 bytes: 682 + 682 + 136 characters.
        var parts = new[] { await rig.Sender.NextAsync(), await rig.Sender.NextAsync(), await rig.Sender.NextAsync() };
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p.Text) <= TextReply.MaxPassiveReplyBytes));
        Assert.Equal(text, string.Concat(parts.Select(p => p.Text)));
    }
}
