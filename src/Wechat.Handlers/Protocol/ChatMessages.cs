namespace Wechat.Handlers.Protocol;

public sealed record TextMessage(string ToUserName, string FromUserName, long CreateTime, string Content, string MsgId)
    : ChatMessage(ToUserName, FromUserName, CreateTime, MsgId);

public sealed record ImageMessage(string ToUserName, string FromUserName, long CreateTime, string PicUrl, string MediaId, string MsgId)
    : ChatMessage(ToUserName, FromUserName, CreateTime, MsgId);

/// <param name="Recognition">WeChat's speech-to-text, present only when recognition is switched on for the account.</param>
public sealed record VoiceMessage(string ToUserName, string FromUserName, long CreateTime, string MediaId, string Format, string? Recognition, string MsgId)
    : ChatMessage(ToUserName, FromUserName, CreateTime, MsgId);

/// <summary>A location the citizen picked on the map (Location_X is the latitude, Location_Y the longitude).</summary>
public sealed record LocationMessage(string ToUserName, string FromUserName, long CreateTime, decimal Latitude, decimal Longitude, int Scale, string Label, string MsgId)
    : ChatMessage(ToUserName, FromUserName, CreateTime, MsgId);

public sealed record LinkMessage(string ToUserName, string FromUserName, long CreateTime, string Title, string Description, string Url, string MsgId)
    : ChatMessage(ToUserName, FromUserName, CreateTime, MsgId);
