using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Wechat.Handlers.Protocol;

/// <summary>
/// The fields of a WeChat XML body (<c>&lt;xml&gt;&lt;Name&gt;value&lt;/Name&gt;…&lt;/xml&gt;</c>), read once with a
/// reader that refuses DTDs, so external entities (XXE) and entity expansion (billion laughs) never happen.
/// </summary>
/// <remarks>
/// Children of the root become fields by element name. The few nested blocks WeChat sends (ScanCodeInfo,
/// SendLocationInfo, …) become "Parent/Child" fields. A repeated name is refused: two values for one field is
/// ambiguous, and the pipeline and a forger must never read different ones.
/// </remarks>
public sealed class InboundXml
{
    /// <summary>Bodies are capped at 64 KB before parsing; this bounds the parser on its own as well.</summary>
    public const int MaxCharacters = 64 * 1024;

    // A fresh instance per parse: XmlReaderSettings is mutable, so a shared one would be hidden global state.
    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // 0 would mean "no limit" in .NET. With DTDs prohibited no entity can be declared, so this is a second fence.
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private readonly Dictionary<string, string> _fields;

    private InboundXml(Dictionary<string, string> fields) => _fields = fields;

    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>The field's text, or null when the element is absent.</summary>
    public string? Get(string name) => _fields.GetValueOrDefault(name);

    public static InboundXml Parse(string xml) => Parse(() => XmlReader.Create(new StringReader(xml), Settings()));

    public static InboundXml Parse(Stream body) => Parse(() => XmlReader.Create(body, Settings()));

    public static InboundXml Parse(ReadOnlySpan<byte> utf8)
    {
        var copy = utf8.ToArray();
        return Parse(() => XmlReader.Create(new MemoryStream(copy, writable: false), Settings()));
    }

    private static InboundXml Parse(Func<XmlReader> open)
    {
        XElement root;
        try
        {
            using var reader = open();
            // The whole document, not just its first element, so trailing content (a second root) is an error too.
            root = XDocument.Load(reader).Root ?? throw new WechatXmlException("The body has no root element.");
        }
        catch (XmlException ex)
        {
            throw new WechatXmlException("The body is not acceptable XML: " + ex.Message, ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new WechatXmlException("The body is not valid in its declared encoding.", ex);
        }

        if (root.Name.LocalName != "xml")
        {
            throw new WechatXmlException($"The root element is <{root.Name.LocalName}>, not <xml>.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in root.Elements())
        {
            if (!child.HasElements)
            {
                Add(fields, child.Name.LocalName, child.Value);
                continue;
            }

            foreach (var grandchild in child.Elements())
            {
                // Deeper structures (item lists) are not part of any inbound message we handle.
                if (!grandchild.HasElements)
                {
                    Add(fields, child.Name.LocalName + "/" + grandchild.Name.LocalName, grandchild.Value);
                }
            }
        }

        return new InboundXml(fields);
    }

    private static void Add(Dictionary<string, string> fields, string name, string value)
    {
        if (!fields.TryAdd(name, value))
        {
            throw new WechatXmlException($"The field <{name}> appears more than once.");
        }
    }
}
