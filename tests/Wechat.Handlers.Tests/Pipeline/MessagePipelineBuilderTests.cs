using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Pipeline;

public sealed class MessagePipelineBuilderTests
{
    private static MessageContext AnyMessage() =>
        new(new TextMessage("gh_us", "o-citizen", 1_700_000_000, "余额", "1"));

    [Fact]
    public async Task StepsRunInTheOrderTheyWereAddedAroundTheTerminal()
    {
        var trace = new List<string>();
        var app = new MessagePipelineBuilder()
            .Use(async (ctx, next) => { trace.Add("a>"); var r = await next(ctx); trace.Add("<a"); return r; })
            .Use(async (ctx, next) => { trace.Add("b>"); var r = await next(ctx); trace.Add("<b"); return r; })
            .Build(_ => { trace.Add("end"); return ValueTask.FromResult<Reply>(new TextReply("ok")); });

        var reply = await app(AnyMessage());

        Assert.Equal(new TextReply("ok"), reply);
        Assert.Equal(["a>", "b>", "end", "<b", "<a"], trace);
    }

    [Fact]
    public async Task AStepCanAnswerWithoutCallingTheRest()
    {
        var terminalRan = false;
        var app = new MessagePipelineBuilder()
            .Use((_, _) => ValueTask.FromResult<Reply>(EmptyReply.Instance))
            .Build(_ => { terminalRan = true; return ValueTask.FromResult<Reply>(new TextReply("no")); });

        Assert.Same(EmptyReply.Instance, await app(AnyMessage()));
        Assert.False(terminalRan);
    }

    [Fact]
    public async Task APipelineWithoutATerminalAnswersSuccess()
    {
        Assert.Same(SuccessReply.Instance, await new MessagePipelineBuilder().Build()(AnyMessage()));
    }

    [Fact]
    public async Task TheBuiltDelegateCanBeRunManyTimes()
    {
        var count = 0;
        var app = new MessagePipelineBuilder()
            .Use((ctx, next) => { Interlocked.Increment(ref count); return next(ctx); })
            .Build();

        await app(AnyMessage());
        await app(AnyMessage());

        Assert.Equal(2, count);
    }
}
