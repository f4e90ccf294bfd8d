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

    private Func<CancellationToken, Task<string?>>? _bindingLookup;
    private Task<string?>? _grzh;

    /// <summary>
    /// How to find the account bound to <see cref="OpenId"/>; set by the binding step. The look-up runs only when a
    /// handler asks (<see cref="GrzhAsync"/>), so a fixed reply such as the hotline costs no database round trip.
    /// </summary>
    public void LookUpBindingWith(Func<CancellationToken, Task<string?>> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        _bindingLookup = lookup;
        _grzh = null;
    }

    /// <summary>The fund account bound to <see cref="OpenId"/>, looked up once per message; null when unbound.</summary>
    public Task<string?> GrzhAsync() =>
        _grzh ??= _bindingLookup is { } lookup ? lookup(RequestAborted) : Task.FromResult<string?>(null);

    /// <summary>
    /// Cancels the work for this message. Settable like <c>HttpContext.RequestAborted</c>: the budget step swaps in a
    /// token of its own, because a reply that misses the 5-second budget still goes out as a customer-service message
    /// after WeChat has hung up.
    /// </summary>
    public CancellationToken RequestAborted { get; set; }

    /// <summary>For steps that need to hand something to later ones.</summary>
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
