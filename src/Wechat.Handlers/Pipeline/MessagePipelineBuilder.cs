using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// Composes steps the way ASP.NET Core's ApplicationBuilder composes middleware: the first step added runs first and
/// decides whether and when the rest runs. Built once at start-up; the result is an ordinary delegate.
/// </summary>
public sealed class MessagePipelineBuilder
{
    private readonly List<Func<MessageDelegate, MessageDelegate>> _steps = [];

    public MessagePipelineBuilder Use(Func<MessageDelegate, MessageDelegate> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    /// <summary>The everyday form: a step is a function of the message and the rest of the pipeline.</summary>
    public MessagePipelineBuilder Use(Func<MessageContext, MessageDelegate, ValueTask<Reply>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Use(next => ctx => step(ctx, next));
    }

    /// <summary>Folds the steps in reverse onto <paramref name="terminal"/>, usually the router.</summary>
    public MessageDelegate Build(MessageDelegate terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var app = terminal;
        for (var i = _steps.Count - 1; i >= 0; i--)
        {
            app = _steps[i](app);
        }

        return app;
    }

    /// <summary>Without a terminal, a message nobody answered gets "success", so WeChat does not retry it.</summary>
    public MessageDelegate Build() => Build(_ => ValueTask.FromResult<Reply>(SuccessReply.Instance));
}
