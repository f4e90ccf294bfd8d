using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class DedupKeyTests
{
    [Fact]
    public void MessagesAreKnownByMsgIdAlone()
    {
        Assert.Equal("msg:6054768590064713728", new TextMessage("gh", "o1", 1, "hi", "6054768590064713728").DedupKey);
        Assert.Equal(
            new TextMessage("gh", "o1", 1, "hi", "42").DedupKey,
            new ImageMessage("gh", "o2", 2, "u", "m", "42").DedupKey);
    }

    [Fact]
    public void EventsAreKnownBySenderTimeEventAndKey()
    {
        Assert.Equal("event:o1:1700000000:CLICK:BALANCE", new ClickEvent("gh", "o1", 1700000000, "BALANCE").DedupKey);
        Assert.Equal("event:o1:1700000000:subscribe:123", new SubscribeEvent("gh", "o1", 1700000000, "123", "T").DedupKey);
        Assert.Equal("event:o1:1700000000:unsubscribe:", new UnsubscribeEvent("gh", "o1", 1700000000).DedupKey);
    }

    [Fact]
    public void TwoClicksInTheSameSecondOnDifferentButtonsAreDifferentDeliveries()
    {
        Assert.NotEqual(
            new ClickEvent("gh", "o1", 1700000000, "BALANCE").DedupKey,
            new ClickEvent("gh", "o1", 1700000000, "LOAN").DedupKey);
    }

    [Fact]
    public void TheSameClickFromTwoCitizensAreDifferentDeliveries()
    {
        Assert.NotEqual(
            new ClickEvent("gh", "o1", 1700000000, "BALANCE").DedupKey,
            new ClickEvent("gh", "o2", 1700000000, "BALANCE").DedupKey);
    }

    [Fact]
    public void RetriedDeliveryParsesToTheSameKey()
    {
        const string body = "<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1700000000</CreateTime>" +
                            "<MsgType>event</MsgType><Event>CLICK</Event><EventKey>BALANCE</EventKey></xml>";

        Assert.Equal(
            InboundMessageParser.Parse(InboundXml.Parse(body)).DedupKey,
            InboundMessageParser.Parse(InboundXml.Parse(body)).DedupKey);
    }

    [Fact]
    public void UnknownMessagesUseMsgIdWhenTheyHaveOne()
    {
        Assert.Equal("msg:7", new UnknownMessage("gh", "o1", 1, "video", null, null, "7").DedupKey);
        Assert.Equal("event:o1:1:scancode_push:k", new UnknownMessage("gh", "o1", 1, "event", "scancode_push", "k", null).DedupKey);
    }
}
