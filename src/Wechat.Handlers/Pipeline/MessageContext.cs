using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>One inbound push on its way through the pipeline: what WeChat sent, who sent it, and what steps learnt.</summary>
public sealed class MessageContext
{
    public MessageContext(InboundMessage message, CancellationToken requestAborted = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
        RequestAborted = requestAborted;
    }

    public InboundMessage Message { get; }

    /// <summary>The citizen's OpenID (the push's FromUserName).</summary>
    public string OpenId => Message.FromUserName;

    /// <summary>The fund account bound to <see cref="OpenId"/>; filled by the binding step, null when unbound.</summary>
    public string? Grzh { get; set; }

    /// <summary>
    /// Cancels the work for this message. Settable like <c>HttpContext.RequestAborted</c>: the budget step swaps in a
    /// token of its own, because a reply that misses the 5-second budget still goes out as a customer-service message
    /// after WeChat has hung up.
    /// </summary>
    public CancellationToken RequestAborted { get; set; }

    /// <summary>For steps that need to hand something to later ones.</summary>
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
