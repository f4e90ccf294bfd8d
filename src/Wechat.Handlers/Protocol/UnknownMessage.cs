namespace Wechat.Handlers.Protocol;

/// <summary>
/// A well-addressed message we have no record for (video, a new event kind) or whose type-specific fields are
/// missing. It still flows through the pipeline so WeChat gets an answer and does not retry.
/// </summary>
public sealed record UnknownMessage(string ToUserName, string FromUserName, long CreateTime, string MsgType, string? Event, string? EventKey, string? MsgId)
    : InboundMessage(ToUserName, FromUserName, CreateTime)
{
    public override string DedupKey => MsgId is { Length: > 0 }
        ? "msg:" + MsgId
        : $"event:{FromUserName}:{CreateTime}:{Event ?? MsgType}:{EventKey}";
}
