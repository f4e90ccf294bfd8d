using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Wechat.Host.Simulator;

/// <summary>What the simulator page asks to send, as WeChat would push it for that citizen.</summary>
/// <param name="Kind"><c>text</c>, <c>click</c>, <c>view</c>, <c>subscribe</c> or <c>location</c>.</param>
public sealed partial record SimulatorRequest(
    string OpenId, string Kind, string? Content = null, string? Key = null, string? Url = null, bool SafeMode = true)
{
    /// <summary>The preset point for "send location": near the centre's hall in 浉河区, 信阳.</summary>
    public const decimal Latitude = 32.1300m, Longitude = 114.0700m;
    public const string LocationLabel = "河南省信阳市浉河区新华路";

    /// <summary>Our account's original ID as WeChat puts it in ToUserName; the host does not check it.</summary>
    public const string AccountId = "gh_simulator";

    // OpenIDs are URL-safe Base64-like; anything else is refused before it is written into XML or a cookie.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex OpenIdShape();

    public string? Problem() => !OpenIdShape().IsMatch(OpenId) ? "openId"
        : Kind switch
        {
            "text" when string.IsNullOrWhiteSpace(Content) || Content.Length > 600 => "content",
            "click" when string.IsNullOrEmpty(Key) || Key.Length > 128 => "key",
            "view" when string.IsNullOrEmpty(Url) || Url.Length > 1024 => "url",
            "text" or "click" or "view" or "subscribe" or "location" => null,
            _ => "kind",
        };

    /// <summary>The push's XML, in the shape WeChat documents for each kind.</summary>
    public string ToXml(DateTimeOffset now)
    {
        var createTime = now.ToUnixTimeSeconds();
        var xml = new StringBuilder("<xml>");
        Field(xml, "ToUserName", AccountId);
        Field(xml, "FromUserName", OpenId);
        xml.Append("<CreateTime>").Append(createTime.ToString(CultureInfo.InvariantCulture)).Append("</CreateTime>");
        switch (Kind)
        {
            case "text":
                Field(xml, "MsgType", "text");
                Field(xml, "Content", Content!);
                MsgId(xml);
                break;
            case "location":
                Field(xml, "MsgType", "location");
                xml.Append("<Location_X>").Append(Latitude.ToString(CultureInfo.InvariantCulture)).Append("</Location_X>");
                xml.Append("<Location_Y>").Append(Longitude.ToString(CultureInfo.InvariantCulture)).Append("</Location_Y>");
                xml.Append("<Scale>15</Scale>");
                Field(xml, "Label", LocationLabel);
                MsgId(xml);
                break;
            default:
                Field(xml, "MsgType", "event");
                Field(xml, "Event", Kind switch { "click" => "CLICK", "view" => "VIEW", _ => "subscribe" });
                Field(xml, "EventKey", Kind switch { "click" => Key!, "view" => Url!, _ => "" });
                break;
        }
        return xml.Append("</xml>").ToString();
    }

    private static void MsgId(StringBuilder xml) =>
        xml.Append("<MsgId>").Append(RandomNumberGenerator.GetInt32(1, int.MaxValue) * 1000L + RandomNumberGenerator.GetInt32(1000)).Append("</MsgId>");

    private static void Field(StringBuilder xml, string name, string value) =>
        xml.Append('<').Append(name).Append("><![CDATA[")
            .Append(value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal))
            .Append("]]></").Append(name).Append('>');
}
