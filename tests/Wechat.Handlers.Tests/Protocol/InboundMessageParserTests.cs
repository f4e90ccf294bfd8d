using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

/// <summary>Bodies as printed in WeChat's "接收普通消息" and "接收事件推送" documentation.</summary>
public sealed class InboundMessageParserTests
{
    private const string Head = "<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName>";

    private static InboundMessage Parse(string xml) => InboundMessageParser.Parse(InboundXml.Parse(xml));

    private static string Event(string evt, string rest = "") =>
        Head + $"<CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{evt}]]></Event>{rest}</xml>";

    [Fact]
    public void TextMessageIsParsed()
    {
        var message = Parse(Head + """
            <CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>
            <Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId></xml>
            """);

        Assert.Equal(new TextMessage("toUser", "fromUser", 1348831860, "this is a test", "1234567890123456"), message);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1348831860), message.CreatedAt);
    }

    [Fact]
    public void ImageMessageIsParsed()
    {
        var message = Parse(Head + """
            <CreateTime>1348831860</CreateTime><MsgType><![CDATA[image]]></MsgType>
            <PicUrl><![CDATA[this is a url]]></PicUrl><MediaId><![CDATA[media_id]]></MediaId><MsgId>1234567890123456</MsgId></xml>
            """);

        Assert.Equal(new ImageMessage("toUser", "fromUser", 1348831860, "this is a url", "media_id", "1234567890123456"), message);
    }

    [Fact]
    public void VoiceMessageIsParsedWithAndWithoutRecognition()
    {
        const string voice = """
            <CreateTime>1357290913</CreateTime><MsgType><![CDATA[voice]]></MsgType>
            <MediaId><![CDATA[media_id]]></MediaId><Format><![CDATA[Format]]></Format>
            """;

        Assert.Equal(new VoiceMessage("toUser", "fromUser", 1357290913, "media_id", "Format", null, "1234567890123456"),
            Parse(Head + voice + "<MsgId>1234567890123456</MsgId></xml>"));
        Assert.Equal(new VoiceMessage("toUser", "fromUser", 1357290913, "media_id", "Format", "腾讯微信团队", "1234567890123456"),
            Parse(Head + voice + "<Recognition><![CDATA[腾讯微信团队]]></Recognition><MsgId>1234567890123456</MsgId></xml>"));
    }

    [Fact]
    public void LocationMessageIsParsedWithExactDecimals()
    {
        var message = Parse(Head + """
            <CreateTime>1351776360</CreateTime><MsgType><![CDATA[location]]></MsgType>
            <Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale>
            <Label><![CDATA[位置信息]]></Label><MsgId>1234567890123456</MsgId></xml>
            """);

        Assert.Equal(new LocationMessage("toUser", "fromUser", 1351776360, 23.134521m, 113.358803m, 20, "位置信息", "1234567890123456"), message);
    }

    [Fact]
    public void LinkMessageIsParsed()
    {
        var message = Parse(Head + """
            <CreateTime>1351776360</CreateTime><MsgType><![CDATA[link]]></MsgType>
            <Title><![CDATA[公众平台官网链接]]></Title><Description><![CDATA[公众平台官网链接]]></Description>
            <Url><![CDATA[url]]></Url><MsgId>1234567890123456</MsgId></xml>
            """);

        Assert.Equal(new LinkMessage("toUser", "fromUser", 1351776360, "公众平台官网链接", "公众平台官网链接", "url", "1234567890123456"), message);
    }

    [Fact]
    public void PlainFollowHasNoScene()
    {
        Assert.Equal(new SubscribeEvent("toUser", "fromUser", 123456789, null, null), Parse(Event("subscribe")));
        Assert.Equal(new SubscribeEvent("toUser", "fromUser", 123456789, null, null), Parse(Event("subscribe", "<EventKey><![CDATA[]]></EventKey>")));
    }

    [Fact]
    public void FollowThroughAQrCodeLosesTheQrscenePrefix()
    {
        var message = Parse(Event("subscribe", "<EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>"));

        Assert.Equal(new SubscribeEvent("toUser", "fromUser", 123456789, "123123", "TICKET"), message);
    }

    [Fact]
    public void FollowWithAnUnprefixedKeyKeepsTheKeyAsIs()
    {
        var message = (SubscribeEvent)Parse(Event("subscribe", "<EventKey><![CDATA[last_trade_no]]></EventKey>"));

        Assert.Equal("last_trade_no", message.SceneId);
    }

    [Fact]
    public void UnfollowIsParsed()
    {
        Assert.Equal(new UnsubscribeEvent("toUser", "fromUser", 123456789), Parse(Event("unsubscribe")));
    }

    [Fact]
    public void ScanByAFollowerIsParsed()
    {
        var message = Parse(Event("SCAN", "<EventKey><![CDATA[SCENE_VALUE]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>"));

        Assert.Equal(new ScanEvent("toUser", "fromUser", 123456789, "SCENE_VALUE", "TICKET"), message);
    }

    [Fact]
    public void ReportedLocationIsParsed()
    {
        var message = Parse(Event("LOCATION", "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>"));

        Assert.Equal(new LocationEvent("toUser", "fromUser", 123456789, 23.137466m, 113.352425m, 119.385040m), message);
    }

    [Fact]
    public void MenuClickIsParsed()
    {
        Assert.Equal(new ClickEvent("toUser", "fromUser", 123456789, "EVENTKEY"),
            Parse(Event("CLICK", "<EventKey><![CDATA[EVENTKEY]]></EventKey>")));
    }

    [Fact]
    public void MenuViewIsParsed()
    {
        Assert.Equal(new ViewEvent("toUser", "fromUser", 123456789, "www.qq.com"),
            Parse(Event("VIEW", "<EventKey><![CDATA[www.qq.com]]></EventKey>")));
    }

    [Fact]
    public void TemplateSendResultReadsTheCapitalisedMsgId()
    {
        var message = Parse("""
            <xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>
            <CreateTime>1395658920</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>
            <MsgID>200163836</MsgID><Status><![CDATA[success]]></Status></xml>
            """);

        Assert.Equal(new TemplateSendJobFinishEvent("gh_7f083739789a", "oia2TjuEGTNoeX76QEjQNrcURxG8", 1395658920, "200163836", "success"), message);
    }

    [Theory]
    [InlineData("click")]
    [InlineData("Click")]
    [InlineData("CLICK")]
    public void EventNamesAreMatchedWithoutRegardToCase(string name)
    {
        Assert.IsType<ClickEvent>(Parse(Event(name, "<EventKey><![CDATA[K]]></EventKey>")));
    }

    [Fact]
    public void UnhandledTypeBecomesUnknownMessage()
    {
        var message = Parse(Head + """
            <CreateTime>1357290913</CreateTime><MsgType><![CDATA[video]]></MsgType>
            <MediaId><![CDATA[media_id]]></MediaId><ThumbMediaId><![CDATA[thumb_media_id]]></ThumbMediaId><MsgId>1234567890123456</MsgId></xml>
            """);

        Assert.Equal(new UnknownMessage("toUser", "fromUser", 1357290913, "video", null, null, "1234567890123456"), message);
    }

    [Fact]
    public void UnhandledEventBecomesUnknownMessage()
    {
        var message = Parse(Event("scancode_push", "<EventKey><![CDATA[rselfmenu_0_1]]></EventKey>"));

        Assert.Equal(new UnknownMessage("toUser", "fromUser", 123456789, "event", "scancode_push", "rselfmenu_0_1", null), message);
    }

    [Fact]
    public void MissingTypeSpecificFieldGivesUnknownMessage()
    {
        Assert.IsType<UnknownMessage>(Parse(Event("CLICK")));
        Assert.IsType<UnknownMessage>(Parse(Head + "<CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>"));
        Assert.IsType<UnknownMessage>(Parse(Head + "<CreateTime>1</CreateTime><MsgType>location</MsgType><Location_X>north</Location_X><Location_Y>1</Location_Y><Scale>1</Scale><MsgId>1</MsgId></xml>"));
    }

    [Theory]
    [InlineData("<xml><FromUserName>f</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>t</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>t</ToUserName><FromUserName>f</FromUserName><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>t</ToUserName><FromUserName>f</FromUserName><CreateTime>yesterday</CreateTime><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>t</ToUserName><FromUserName>f</FromUserName><CreateTime>99999999999999</CreateTime><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>t</ToUserName><FromUserName>f</FromUserName><CreateTime>1</CreateTime></xml>")]
    public void BodyWithoutTheWechatEnvelopeIsRejected(string xml)
    {
        Assert.Throws<WechatXmlException>(() => Parse(xml));
    }

    [Fact]
    public void TencentsEncryptedSampleOpensIntoATextMessage()
    {
        var crypt = new WechatMessageCrypt(TencentSamples.Token, TencentSamples.AppId, TencentSamples.EncodingAesKey);
        var envelope = EncryptedEnvelope.From(InboundXml.Parse(TencentSamples.EncryptedBody))!;

        var message = InboundMessageParser.Parse(envelope.Open(crypt, TencentSamples.MsgSignature, TencentSamples.Timestamp, TencentSamples.Nonce));

        Assert.Equal("wx5823bf96d3bd56c7", envelope.ToUserName);
        Assert.Equal(new TextMessage("wx5823bf96d3bd56c7", "mycreate", 1409659813, "hello", "4561255354251345929"), message);
    }
}
