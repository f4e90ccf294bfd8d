using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;
using Wechat.Handlers.Tests.Api;

namespace Wechat.Handlers.Tests.Pipeline;

public sealed class GuardStepTests
{
    [Fact]
    public async Task AFailureBecomesThePoliteBusyTextAndItsLogLineCarriesNoPersonalData()
    {
        var logger = new RecordingLogger<GuardStep>();
        var app = new MessagePipelineBuilder()
            .Use(new GuardStep(logger).InvokeAsync)
            .Build(_ => throw new InvalidOperationException($"no account for {InMemoryFund.IdNumber} / {InMemoryFund.Phone}"));

        var reply = await app(new MessageContext(new TextMessage("gh_us", "o-citizen", 1_700_000_000, "我的电话13800001234", "9")));

        Assert.Equal(new TextReply("系统繁忙，请稍后再试"), reply);
        var line = Assert.Single(logger.Lines);
        Assert.Contains("TextMessage", line);
        Assert.Contains(nameof(InvalidOperationException), line);
        Assert.DoesNotContain(InMemoryFund.IdNumber, line);
        Assert.DoesNotContain(InMemoryFund.Phone, line);
    }

    [Fact]
    public async Task AHandlerCancelledBecauseWechatHungUpAnswersNothing()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var app = new MessagePipelineBuilder()
            .Use(new GuardStep(new RecordingLogger<GuardStep>()).InvokeAsync)
            .Build(ctx => throw new OperationCanceledException(ctx.RequestAborted));

        var reply = await app(new MessageContext(new TextMessage("gh_us", "o-citizen", 1, "余额", "10"), aborted.Token));

        Assert.Same(EmptyReply.Instance, reply);
    }
}
