namespace Wechat.Handlers.Protocol;

/// <summary>The citizen followed the account, possibly by scanning a parametric QR code.</summary>
/// <param name="SceneId">The QR code's scene, without WeChat's "qrscene_" prefix; null for a plain follow.</param>
public sealed record SubscribeEvent(string ToUserName, string FromUserName, long CreateTime, string? SceneId, string? Ticket)
    : InboundEvent(ToUserName, FromUserName, CreateTime)
{
    public override string Event => "subscribe";

    public override string? EventKey => SceneId;
}

public sealed record UnsubscribeEvent(string ToUserName, string FromUserName, long CreateTime)
    : InboundEvent(ToUserName, FromUserName, CreateTime)
{
    public override string Event => "unsubscribe";
}

/// <summary>A follower scanned a parametric QR code; SceneKey carries no prefix here.</summary>
public sealed record ScanEvent(string ToUserName, string FromUserName, long CreateTime, string SceneKey, string? Ticket)
    : InboundEvent(ToUserName, FromUserName, CreateTime)
{
    public override string Event => "SCAN";

    public override string? EventKey => SceneKey;
}

/// <summary>Reported location, pushed on entering the chat when the citizen allowed it.</summary>
public sealed record LocationEvent(string ToUserName, string FromUserName, long CreateTime, decimal Latitude, decimal Longitude, decimal Precision)
    : InboundEvent(ToUserName, FromUserName, CreateTime)
{
    public override string Event => "LOCATION";
}

/// <summary>A CLICK button of the custom menu; Key is the button's key in menu-config.json.</summary>
public sealed record ClickEvent(string ToUserName, string FromUserName, long CreateTime, string Key)
    : InboundEvent(ToUserName, FromUserName, CreateTime)
{
    public override string Event => "CLICK";

    public override string? EventKey => Key;
}

/// <summary>A VIEW button of the custom menu was tapped; WeChat opens the Url itself, no reply is shown.</summary>
public sealed record ViewEvent(string ToUserName, string FromUserName, long CreateTime, string Url)
    : InboundEvent(ToUserName, FromUserName, CreateTime)
{
    public override string Event => "VIEW";

    public override string? EventKey => Url;
}

/// <summary>The outcome of a template message we sent (Status: success, failed:user block, failed: system failed).</summary>
public sealed record TemplateSendJobFinishEvent(string ToUserName, string FromUserName, long CreateTime, string MsgId, string Status)
    : InboundEvent(ToUserName, FromUserName, CreateTime)
{
    public override string Event => "TEMPLATESENDJOBFINISH";

    public override string? EventKey => MsgId;
}
