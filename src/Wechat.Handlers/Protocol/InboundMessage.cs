namespace Wechat.Handlers.Protocol;

/// <summary>What every message and event pushed to our URL carries.</summary>
/// <param name="ToUserName">Our official account's original id (gh_…).</param>
/// <param name="FromUserName">The citizen's OpenID.</param>
/// <param name="CreateTime">Unix seconds, as WeChat sent it.</param>
public abstract record InboundMessage(string ToUserName, string FromUserName, long CreateTime)
{
    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(CreateTime);

    /// <summary>
    /// Identifies one delivery across WeChat's retries (three in all, 5 s apart), so a retry can share the first
    /// delivery's reply instead of running the handler again.
    /// </summary>
    public abstract string DedupKey { get; }
}

/// <summary>A message the citizen typed or sent; WeChat numbers these with a 64-bit MsgId.</summary>
public abstract record ChatMessage(string ToUserName, string FromUserName, long CreateTime, string MsgId)
    : InboundMessage(ToUserName, FromUserName, CreateTime)
{
    public sealed override string DedupKey => "msg:" + MsgId;
}

/// <summary>
/// Something the citizen did (followed, tapped the menu, shared a location). Events have no MsgId, so a delivery is
/// known by who, when, which event and which key.
/// </summary>
public abstract record InboundEvent(string ToUserName, string FromUserName, long CreateTime)
    : InboundMessage(ToUserName, FromUserName, CreateTime)
{
    /// <summary>WeChat's name for the event, in WeChat's casing (subscribe, CLICK, …).</summary>
    public abstract string Event { get; }

    /// <summary>The part of the event that tells two events of the same second apart, if any.</summary>
    public virtual string? EventKey => null;

    public sealed override string DedupKey => $"event:{FromUserName}:{CreateTime}:{Event}:{EventKey}";
}
