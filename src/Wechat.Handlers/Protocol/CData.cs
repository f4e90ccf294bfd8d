using System.Text;
using System.Xml;

namespace Wechat.Handlers.Protocol;

/// <summary>Writes text into WeChat's hand-shaped reply XML so that no content can break out of its element.</summary>
internal static class CData
{
    /// <summary>
    /// Appends <c>&lt;![CDATA[text]]&gt;</c>. A "]]&gt;" inside the text would end the section early, so it is split
    /// across two sections; characters XML cannot carry at all (control characters, lone surrogates) are dropped.
    /// </summary>
    public static void Append(StringBuilder xml, string text)
    {
        xml.Append("<![CDATA[");
        AppendXmlChars(xml, text.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal));
        xml.Append("]]>");
    }

    /// <summary>Appends text as escaped character data, for elements WeChat expects without CDATA.</summary>
    public static void AppendEscapedText(StringBuilder xml, string text) =>
        AppendXmlChars(xml, text
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal));

    private static void AppendXmlChars(StringBuilder xml, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                xml.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                xml.Append(c);
            }
        }
    }
}
