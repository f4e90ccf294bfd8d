using System.Globalization;

namespace Wechat.Handlers.Protocol;

/// <summary>
/// Turns the fields of a decrypted WeChat body into one immutable message record.
/// </summary>
/// <remarks>
/// Policy: a body without the envelope every push has (ToUserName, FromUserName, a numeric CreateTime, MsgType) is
/// not from WeChat and throws <see cref="WechatXmlException"/>, so the endpoint can refuse it. A body with the envelope
/// but an unfamiliar type, or missing a type-specific field, becomes <see cref="UnknownMessage"/>: WeChat then gets an
/// ordinary answer and does not retry something we will never understand.
/// </remarks>
public static class InboundMessageParser
{
    private const string QrScenePrefix = "qrscene_";

    // DateTimeOffset cannot represent later instants; CreatedAt must never throw.
    private const long MaxUnixSeconds = 253_402_300_799;

    public static InboundMessage Parse(InboundXml xml) => Parse(xml.Fields);

    public static InboundMessage Parse(IReadOnlyDictionary<string, string> fields)
    {
        var to = Required(fields, "ToUserName");
        var from = Required(fields, "FromUserName");
        var msgType = Required(fields, "MsgType");
        if (!long.TryParse(Required(fields, "CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var time)
            || time > MaxUnixSeconds)
        {
            throw new WechatXmlException("CreateTime is not Unix seconds.");
        }

        var envelope = new Envelope(fields, to, from, time);
        var message = msgType.ToLowerInvariant() switch
        {
            "text" => Text(envelope),
            "image" => Image(envelope),
            "voice" => Voice(envelope),
            "location" => Location(envelope),
            "link" => Link(envelope),
            "event" => Event(envelope),
            _ => null,
        };

        return message ?? new UnknownMessage(to, from, time, msgType,
            Optional(fields, "Event"), Optional(fields, "EventKey"), MsgId(fields));
    }

    private static InboundMessage? Text(Envelope e) =>
        e.Get("Content") is { } content && MsgId(e.Fields) is { } msgId
            ? new TextMessage(e.To, e.From, e.Time, content, msgId)
            : null;

    private static InboundMessage? Image(Envelope e) =>
        e.Get("PicUrl") is { } picUrl && e.Get("MediaId") is { } mediaId && MsgId(e.Fields) is { } msgId
            ? new ImageMessage(e.To, e.From, e.Time, picUrl, mediaId, msgId)
            : null;

    private static InboundMessage? Voice(Envelope e) =>
        e.Get("MediaId") is { } mediaId && e.Get("Format") is { } format && MsgId(e.Fields) is { } msgId
            ? new VoiceMessage(e.To, e.From, e.Time, mediaId, format, Optional(e.Fields, "Recognition"), msgId)
            : null;

    private static InboundMessage? Location(Envelope e) =>
        Number(e.Get("Location_X")) is { } latitude
        && Number(e.Get("Location_Y")) is { } longitude
        && int.TryParse(e.Get("Scale"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale)
        && MsgId(e.Fields) is { } msgId
            ? new LocationMessage(e.To, e.From, e.Time, latitude, longitude, scale, e.Get("Label") ?? "", msgId)
            : null;

    private static InboundMessage? Link(Envelope e) =>
        e.Get("Url") is { } url && MsgId(e.Fields) is { } msgId
            ? new LinkMessage(e.To, e.From, e.Time, e.Get("Title") ?? "", e.Get("Description") ?? "", url, msgId)
            : null;

    private static InboundMessage? Event(Envelope e)
    {
        var key = e.Get("EventKey");
        return e.Get("Event")?.ToUpperInvariant() switch
        {
            "SUBSCRIBE" => new SubscribeEvent(e.To, e.From, e.Time, SceneId(key), Optional(e.Fields, "Ticket")),
            "UNSUBSCRIBE" => new UnsubscribeEvent(e.To, e.From, e.Time),
            "SCAN" when key is not null => new ScanEvent(e.To, e.From, e.Time, key, Optional(e.Fields, "Ticket")),
            "LOCATION" when Number(e.Get("Latitude")) is { } lat && Number(e.Get("Longitude")) is { } lng =>
                new LocationEvent(e.To, e.From, e.Time, lat, lng, Number(e.Get("Precision")) ?? 0m),
            "CLICK" when key is not null => new ClickEvent(e.To, e.From, e.Time, key),
            "VIEW" when key is not null => new ViewEvent(e.To, e.From, e.Time, key),
            // This one event spells it MsgID.
            "TEMPLATESENDJOBFINISH" when MsgId(e.Fields) is { } msgId =>
                new TemplateSendJobFinishEvent(e.To, e.From, e.Time, msgId, e.Get("Status") ?? ""),
            _ => null,
        };
    }

    /// <summary>A follow through a parametric QR code carries "qrscene_123"; a plain follow carries nothing.</summary>
    private static string? SceneId(string? eventKey) => eventKey switch
    {
        null or "" => null,
        _ when eventKey.StartsWith(QrScenePrefix, StringComparison.Ordinal) => eventKey[QrScenePrefix.Length..],
        _ => eventKey,
    };

    private static string? MsgId(IReadOnlyDictionary<string, string> fields) =>
        Optional(fields, "MsgId") ?? Optional(fields, "MsgID");

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Optional(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static string Required(IReadOnlyDictionary<string, string> fields, string name) =>
        Optional(fields, name) ?? throw new WechatXmlException($"The body has no <{name}>; it is not a WeChat push.");

    private readonly record struct Envelope(IReadOnlyDictionary<string, string> Fields, string To, string From, long Time)
    {
        public string? Get(string name) => Fields.GetValueOrDefault(name);
    }
}
