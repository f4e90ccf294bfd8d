using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class EncryptedEnvelopeTests
{
    private static readonly WechatMessageCrypt Crypt = new("token", "wx5823bf96d3bd56c7", TencentSamples.EncodingAesKey);

    [Fact]
    public void SafeModeEnvelopeCarriesOnlyToUserNameAndEncrypt()
    {
        var envelope = EncryptedEnvelope.From(InboundXml.Parse(
            "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><Encrypt><![CDATA[abc=]]></Encrypt></xml>"));

        Assert.Equal(new EncryptedEnvelope("gh_123", "abc="), envelope);
    }

    [Fact]
    public void PlainModeBodyHasNoEnvelope()
    {
        Assert.Null(EncryptedEnvelope.From(InboundXml.Parse(
            "<xml><ToUserName>gh_123</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>")));
    }

    [Fact]
    public void CompatibleModeReadsTheMessageFromTheCiphertextNotThePlainCopy()
    {
        const string inner = "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>" +
                             "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[查余额]]></Content><MsgId>42</MsgId></xml>";
        var encrypt = Crypt.Encrypt(inner);
        // The plain copy has been tampered with; it is covered by no signature.
        var outer = "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>" +
                    "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[forged]]></Content><MsgId>42</MsgId>" +
                    $"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        var signature = WechatSignature.Compute("token", "1700000000", "n", encrypt);

        var message = InboundMessageParser.Parse(EncryptedEnvelope.From(InboundXml.Parse(outer))!.Open(Crypt, signature, "1700000000", "n"));

        Assert.Equal("查余额", ((TextMessage)message).Content);
    }

    [Fact]
    public void EnvelopeWithAForgedSignatureDoesNotOpen()
    {
        var envelope = new EncryptedEnvelope("gh_123", Crypt.Encrypt("<xml/>"));

        var ex = Assert.Throws<WechatCryptoException>(() => envelope.Open(Crypt, "0000000000000000000000000000000000000000", "1", "n"));

        Assert.Equal(WechatCryptoError.ValidateSignatureError, ex.Error);
    }

    [Fact]
    public void DecryptedXmlIsReadWithTheSameDtdRefusingReader()
    {
        var encrypt = Crypt.Encrypt("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><A>&x;</A></xml>");
        var envelope = new EncryptedEnvelope("gh_123", encrypt);

        Assert.Throws<WechatXmlException>(() => envelope.Open(Crypt, WechatSignature.Compute("token", "1", "n", encrypt), "1", "n"));
    }
}
