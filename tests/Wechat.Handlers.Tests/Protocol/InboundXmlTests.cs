using System.Text;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class InboundXmlTests
{
    private const string Text = """
        <xml>
          <ToUserName><![CDATA[toUser]]></ToUserName>
          <FromUserName><![CDATA[fromUser]]></FromUserName>
          <CreateTime>1348831860</CreateTime>
          <MsgType><![CDATA[text]]></MsgType>
          <Content><![CDATA[this is a test]]></Content>
          <MsgId>1234567890123456</MsgId>
        </xml>
        """;

    [Fact]
    public void FlatChildrenBecomeFields()
    {
        var xml = InboundXml.Parse(Text);

        Assert.Equal("toUser", xml.Get("ToUserName"));
        Assert.Equal("1348831860", xml.Get("CreateTime"));
        Assert.Equal("this is a test", xml.Get("Content"));
        Assert.Null(xml.Get("Event"));
        Assert.Equal(6, xml.Fields.Count);
    }

    [Fact]
    public void BytesAndStreamsParseTheSameAsStrings()
    {
        var bytes = Encoding.UTF8.GetBytes(Text);

        Assert.Equal(InboundXml.Parse(Text).Fields, InboundXml.Parse(bytes).Fields);
        Assert.Equal(InboundXml.Parse(Text).Fields, InboundXml.Parse(new MemoryStream(bytes)).Fields);
    }

    [Fact]
    public void EscapedTextAndCDataBothReadAsPlainText()
    {
        var xml = InboundXml.Parse("<xml><A>a &amp; b &lt;c&gt;</A><B><![CDATA[a & b <c>]]></B><C></C><D/></xml>");

        Assert.Equal("a & b <c>", xml.Get("A"));
        Assert.Equal("a & b <c>", xml.Get("B"));
        Assert.Equal("", xml.Get("C"));
        Assert.Equal("", xml.Get("D"));
    }

    [Fact]
    public void NestedBlocksBecomeSlashSeparatedFields()
    {
        var xml = InboundXml.Parse("""
            <xml><Event><![CDATA[scancode_push]]></Event>
            <ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo></xml>
            """);

        Assert.Equal("qrcode", xml.Get("ScanCodeInfo/ScanType"));
        Assert.Equal("1", xml.Get("ScanCodeInfo/ScanResult"));
    }

    [Fact]
    public void ExternalEntityBodyIsRejectedWithoutReadingTheFile()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <xml><Content>&xxe;</Content></xml>
            """;

        var ex = Assert.Throws<WechatXmlException>(() => InboundXml.Parse(xxe));
        Assert.DoesNotContain("root:", ex.ToString());
    }

    [Fact]
    public void BillionLaughsBodyIsRejectedWithoutExpanding()
    {
        var laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }

        laughs.Append("]><xml><Content>&lol9;</Content></xml>");
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<WechatXmlException>(() => InboundXml.Parse(laughs.ToString()));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "the entities were expanded");
    }

    [Fact]
    public void AnyDoctypeIsRejectedEvenWithoutEntities()
    {
        Assert.Throws<WechatXmlException>(() => InboundXml.Parse("<!DOCTYPE xml><xml><A>1</A></xml>"));
    }

    [Fact]
    public void OversizedDocumentIsRejected()
    {
        var body = "<xml><Content>" + new string('x', InboundXml.MaxCharacters) + "</Content></xml>";

        Assert.Throws<WechatXmlException>(() => InboundXml.Parse(body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<xml><A>1</A>")]
    [InlineData("<xml><A>1</B></xml>")]
    [InlineData("<root><A>1</A></root>")]
    [InlineData("<xml><A>1</A><A>2</A></xml>")]
    [InlineData("<xml><A>1</A></xml><xml><A>2</A></xml>")]
    [InlineData("<xml><A>1</A></xml>trailing")]
    public void MalformedOrAmbiguousBodyIsRejected(string body)
    {
        Assert.Throws<WechatXmlException>(() => InboundXml.Parse(body));
    }
}
