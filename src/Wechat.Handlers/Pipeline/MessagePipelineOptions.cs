namespace Wechat.Handlers.Pipeline;

/// <summary>Timings of the message pipeline, bound from <c>Wechat:Pipeline</c>; the defaults suit WeChat.</summary>
public sealed class MessagePipelineOptions
{
    public const string Section = "Wechat:Pipeline";

    /// <summary>
    /// How long a handler may take before we answer "success" and send its reply as a customer-service message.
    /// WeChat gives up after 5 s; this leaves room for reading, decrypting and writing.
    /// </summary>
    public TimeSpan ReplyBudget { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a handler that missed the budget may still run to produce its late reply.</summary>
    public TimeSpan LateReplyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a retry waits for the first delivery's reply; under WeChat's 5 s per attempt.</summary>
    public TimeSpan RetryWait { get; set; } = TimeSpan.FromSeconds(4.5);

    public TimeSpan RetryPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a claim on a message lives if its instance dies mid-way.</summary>
    public TimeSpan DedupClaimTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a push claimed in Redis is remembered by its instance, to be handed to the fallback store if Redis goes
    /// away: WeChat's three deliveries span about 15 s.
    /// </summary>
    public TimeSpan RecentClaimWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long, from the moment an instance first finds Redis away, it waits before claiming a push in the fallback:
    /// the other instances hand the pushes they claimed in Redis just before over to the fallback when they notice the
    /// failure, and a racing duplicate of one of those must find that claim rather than make its own. Only the pushes
    /// of the outage's first moment wait, and only for what is left of this; the handler's budget shrinks by the wait,
    /// so the answer still comes within WeChat's 5 s.
    /// </summary>
    public TimeSpan FallbackHandOverWait { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// How long, after an instance's Redis answers again following an outage, a push it claims in Redis is also claimed
    /// in the fallback (and its reply stored there): another instance that has not reconnected yet still deduplicates
    /// in the fallback only, and a duplicate reaching it must find the claim. Later, up to
    /// <see cref="DedupReplyTtl"/>, a fresh Redis claim only asks the fallback whether the push was handled there.
    /// </summary>
    public TimeSpan FallbackClaimAfterOutage { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a finished reply is kept for retries; WeChat's three attempts span about 15 s.</summary>
    public TimeSpan DedupReplyTtl { get; set; } = TimeSpan.FromMinutes(5);
}
