using System.Text;
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

    [Fact]
    public async Task ASlowHandlerGetsSuccessNowAndItsTextArrivesAsACustomerServiceMessage()
    {
        using var rig = new PipelineRig(fixture.Redis, o => o.ReplyBudget = TimeSpan.FromMilliseconds(200));
        var runs = 0;
        var pipeline = WithTerminal(rig, async ctx =>
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(800, ctx.RequestAborted);
            return new TextReply("慢查询的结果");
        });
        var message = rig.Text("余额");

        var reply = await pipeline.HandleAsync(new MessageContext(message));

        Assert.Same(SuccessReply.Instance, reply);
        Assert.Equal((rig.OpenId, "慢查询的结果"), await rig.Sender.NextAsync());

        var retry = await pipeline.HandleAsync(new MessageContext(message));
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
