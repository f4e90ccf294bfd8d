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

    /// <summary>
    /// Time the push already spent before its handler (the dedup fallback's wait for other instances' hand-overs at the
    /// start of a Redis outage); the budget step gives the handler that much less, so WeChat's 5 s still hold.
    /// </summary>
    public TimeSpan SpentBeforeHandler { get; internal set; }

    /// <summary>
    /// One Redis key a step before the dedup wants read in the dedup claim's round trip (the published data version of
    /// the account this instance holds a copy of, so 我的账户 needs no round trip of its own); null for none.
    /// </summary>
    public string? PrefetchKey { get; set; }

    /// <summary>True once the dedup claim read <see cref="PrefetchKey"/>; <see cref="Prefetched"/> is then what it found.</summary>
    public bool PrefetchDone { get; private set; }

    /// <summary>The value under <see cref="PrefetchKey"/> when <see cref="PrefetchDone"/>; null when the key held nothing.</summary>
    public string? Prefetched { get; private set; }

    internal void SetPrefetched(string? value)
    {
        Prefetched = value;
        PrefetchDone = true;
    }

    /// <summary>For steps that need to hand something to later ones.</summary>
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
