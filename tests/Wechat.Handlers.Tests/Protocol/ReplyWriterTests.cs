using System.Xml.Linq;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class ReplyWriterTests
{
    [Fact]
    public void TextReplyHasTheShapeWechatExpects()
    {
        Assert.Equal(
            "<xml><ToUserName><![CDATA[o1]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName>" +
            "<CreateTime>12345678</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>",
            ReplyWriter.ToXml(new TextReply("你好"), "o1", "gh_1", 12345678));
    }

    [Theory]
    [InlineData("您的公积金余额为 12,345.67 元")]
    [InlineData("a]]>b")]
    [InlineData("]]>]]>")]
    [InlineData("ends with ]]")]
    [InlineData("<b>&amp;</b> & <![CDATA[x]]>")]
    [InlineData("emoji 🏠 ok")]
    [InlineData("")]
    public void WrittenTextReplyParsesBackToTheSameContent(string content)
    {
        var xml = ReplyWriter.ToXml(new TextReply(content), "o1", "gh_1", 1700000000);

        var parsed = InboundMessageParser.Parse(InboundXml.Parse(xml));

        Assert.Equal("o1", parsed.ToUserName);
        Assert.Equal("gh_1", parsed.FromUserName);
        Assert.Equal(1700000000, parsed.CreateTime);
        Assert.Equal(content, InboundXml.Parse(xml).Get("Content"));
    }

    [Fact]
    public void CharactersXmlCannotCarryAreDropped()
    {
        var xml = ReplyWriter.ToXml(new TextReply("a\u0001b\uD800c"), "o1", "gh_1", 1);

        Assert.Equal("abc", InboundXml.Parse(xml).Get("Content"));
    }

    [Fact]
    public void NewsReplyWritesOneArticle()
    {
        var reply = new NewsReply("提取进度", "您的提取申请已受理 & 审核中", "https://example.org/p.png", "https://example.org/h5/withdrawals?a=1&b=2");

        var root = XDocument.Parse(ReplyWriter.ToXml(reply, "o1", "gh_1", 1700000000)).Root!;
        var item = root.Element("Articles")!.Element("item")!;

        Assert.Equal("news", root.Element("MsgType")!.Value);
        Assert.Equal("1", root.Element("ArticleCount")!.Value);
        Assert.Single(root.Element("Articles")!.Elements("item"));
        Assert.Equal(reply.Title, item.Element("Title")!.Value);
        Assert.Equal(reply.Description, item.Element("Description")!.Value);
        Assert.Equal(reply.PicUrl, item.Element("PicUrl")!.Value);
        Assert.Equal(reply.Url, item.Element("Url")!.Value);
    }

    [Fact]
    public void SuccessReplyIsTheLiteralWordSuccess()
    {
        Assert.Equal("success", ReplyWriter.ToXml(SuccessReply.Instance, "o1", "gh_1", 1));
        Assert.False(SuccessReply.Instance.IsXml);
    }

    [Fact]
    public void EmptyReplyIsAnEmptyBody()
    {
        Assert.Equal("", ReplyWriter.ToXml(EmptyReply.Instance, "o1", "gh_1", 1));
        Assert.False(EmptyReply.Instance.IsXml);
    }

    [Fact]
    public void XmlRepliesSurviveEncryptionRoundTrip()
    {
        var crypt = new WechatMessageCrypt(TencentSamples.Token, TencentSamples.AppId, TencentSamples.EncodingAesKey);
        var xml = ReplyWriter.ToXml(new TextReply("已为您查询"), "mycreate", "wx5823bf96d3bd56c7", 1409659813);

        var outer = InboundXml.Parse(crypt.EncryptReply(xml, "1409659813", "1372623149"));
        var inner = crypt.VerifyAndDecrypt(outer.Get("MsgSignature"), "1409659813", "1372623149", outer.Get("Encrypt")!);

        Assert.Equal(xml, inner);
    }
}
