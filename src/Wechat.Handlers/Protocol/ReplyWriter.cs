using System.Globalization;
using System.Text;

namespace Wechat.Handlers.Protocol;

/// <summary>Writes a passive reply in the XML WeChat expects, every text field in CDATA.</summary>
public static class ReplyWriter
{
    /// <summary>
    /// The response body for <paramref name="reply"/>, addressed back to the citizen: <paramref name="toUser"/> is
    /// their OpenID (the push's FromUserName), <paramref name="fromUser"/> our account (the push's ToUserName).
    /// "success" and empty replies are returned as their literal bodies. Length limits are the caller's concern:
    /// see <see cref="TextReply.SplitForPassiveReply"/>.
    /// </summary>
    public static string ToXml(Reply reply, string toUser, string fromUser, long createTime)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply switch
        {
            SuccessReply => "success",
            EmptyReply => "",
            TextReply text => Write(toUser, fromUser, createTime, "text", xml => Element(xml, "Content", text.Content)),
            NewsReply news => Write(toUser, fromUser, createTime, "news", xml =>
            {
                xml.Append("<ArticleCount>1</ArticleCount><Articles><item>");
                Element(xml, "Title", news.Title);
                Element(xml, "Description", news.Description);
                Element(xml, "PicUrl", news.PicUrl);
                Element(xml, "Url", news.Url);
                xml.Append("</item></Articles>");
            }),
            _ => throw new ArgumentException($"No XML form for {reply.GetType().Name}.", nameof(reply)),
        };
    }

    private static string Write(string toUser, string fromUser, long createTime, string msgType, Action<StringBuilder> body)
    {
        var xml = new StringBuilder(256).Append("<xml>");
        Element(xml, "ToUserName", toUser);
        Element(xml, "FromUserName", fromUser);
        xml.Append("<CreateTime>").Append(createTime.ToString(CultureInfo.InvariantCulture)).Append("</CreateTime>");
        Element(xml, "MsgType", msgType);
        body(xml);
        return xml.Append("</xml>").ToString();
    }

    private static void Element(StringBuilder xml, string name, string text)
    {
        xml.Append('<').Append(name).Append('>');
        CData.Append(xml, text);
        xml.Append("</").Append(name).Append('>');
    }
}
