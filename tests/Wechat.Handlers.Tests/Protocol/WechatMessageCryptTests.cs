using System.Text;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class WechatMessageCryptTests
{
    private static readonly byte[] FixedRandom = Encoding.ASCII.GetBytes("0123456789abcdef");

    private static WechatMessageCrypt SampleCrypt() =>
        new(TencentSamples.Token, TencentSamples.AppId, TencentSamples.EncodingAesKey);

    private static WechatMessageCrypt DemoCrypt() =>
        new(TencentSamples.DemoToken, TencentSamples.DemoAppId, TencentSamples.DemoEncodingAesKey);

    [Fact]
    public void TencentsSampleMessageVerifiesAndDecrypts()
    {
        var plain = SampleCrypt().VerifyAndDecrypt(
            TencentSamples.MsgSignature, TencentSamples.Timestamp, TencentSamples.Nonce, TencentSamples.Encrypt);

        Assert.StartsWith("<xml>", plain);
        Assert.Contains("<ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>", plain);
        Assert.Contains("<FromUserName><![CDATA[mycreate]]></FromUserName>", plain);
        Assert.Contains("<CreateTime>1409659813</CreateTime>", plain);
        Assert.Contains("<Content><![CDATA[hello]]></Content>", plain);
        Assert.Contains("<MsgId>4561255354251345929</MsgId>", plain);
    }

    [Fact]
    public void TencentsSampleUrlVerificationEchoStrDecryptsToDigits()
    {
        var echo = SampleCrypt().VerifyAndDecrypt(
            TencentSamples.VerifyUrlMsgSignature, TencentSamples.VerifyUrlTimestamp, TencentSamples.VerifyUrlNonce,
            TencentSamples.VerifyUrlEchoStr);

        Assert.NotEmpty(echo);
        Assert.All(echo, c => Assert.True(char.IsAsciiDigit(c)));
    }

    [Theory]
    [InlineData(TencentSamples.DemoReply, TencentSamples.DemoReplyEncrypted)]
    [InlineData(TencentSamples.DemoReply2, TencentSamples.DemoReply2Encrypted)]
    public void EncryptionWithTencentsFixedRandomMatchesTheirCiphertextByteForByte(string reply, string expected)
    {
        var crypt = DemoCrypt();

        Assert.Equal(expected, crypt.Encrypt(reply, Encoding.ASCII.GetBytes(TencentSamples.DemoRandom)));
        Assert.Equal(reply, crypt.Decrypt(expected));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("<xml><Content><![CDATA[您好，公积金查询]]></Content></xml>")]
    [InlineData("12345678901")] // 16 + 4 + 11 + 18-byte AppId = 49 bytes: pads with 15
    [InlineData("1234567890123456789012345678901234567890123")] // 16 + 4 + 43 + 18 = 81: pads with 15
    [InlineData("1234567890")] // 16 + 4 + 10 + 18 = 48: pads with 16
    [InlineData("12345678901234567890123456")] // 16 + 4 + 26 + 18 = 64: a whole block of 32 pad bytes
    public void EncryptThenDecryptReturnsTheMessage(string message)
    {
        var crypt = SampleCrypt();

        var encrypted = crypt.Encrypt(message, FixedRandom);

        Assert.Equal(0, Convert.FromBase64String(encrypted).Length % 32);
        Assert.Equal(message, crypt.Decrypt(encrypted));
        Assert.Equal(encrypted, crypt.Encrypt(message, FixedRandom));
    }

    [Fact]
    public void FreshRandomPrefixMakesEachCiphertextDifferent()
    {
        var crypt = SampleCrypt();

        Assert.NotEqual(crypt.Encrypt("same"), crypt.Encrypt("same"));
    }

    [Fact]
    public void EncryptedReplyCarriesASignatureThatVerifies()
    {
        var crypt = SampleCrypt();
        const string reply = "<xml><Content><![CDATA[您好]]></Content></xml>";

        var envelope = InboundXml.Parse(crypt.EncryptReply(reply, "1409659813", "nonce-1", FixedRandom));

        Assert.Equal("1409659813", envelope.Get("TimeStamp"));
        Assert.Equal("nonce-1", envelope.Get("Nonce"));
        Assert.Equal(reply, crypt.VerifyAndDecrypt(envelope.Get("MsgSignature"), "1409659813", "nonce-1", envelope.Get("Encrypt")!));
    }

    [Fact]
    public void EncryptedReplyHasTheShapeWechatExpects()
    {
        var crypt = SampleCrypt();
        var encrypt = crypt.Encrypt("x", FixedRandom);
        var signature = WechatSignature.Compute(TencentSamples.Token, "1", "n", encrypt);

        Assert.Equal(
            $"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt><MsgSignature><![CDATA[{signature}]]></MsgSignature>" +
            "<TimeStamp>1</TimeStamp><Nonce><![CDATA[n]]></Nonce></xml>",
            crypt.EncryptReply("x", "1", "n", FixedRandom));
    }

    [Fact]
    public void ForgedMsgSignatureIsRejectedBeforeDecrypting()
    {
        var ex = Assert.Throws<WechatCryptoException>(() => SampleCrypt().VerifyAndDecrypt(
            "0000000000000000000000000000000000000000", TencentSamples.Timestamp, TencentSamples.Nonce, TencentSamples.Encrypt));

        Assert.Equal(WechatCryptoError.ValidateSignatureError, ex.Error);
    }

    [Fact]
    public void MessageForAnotherAppIdIsRejected()
    {
        var other = new WechatMessageCrypt(TencentSamples.Token, "wx0000000000000000", TencentSamples.EncodingAesKey);

        var ex = Assert.Throws<WechatCryptoException>(() => other.Decrypt(TencentSamples.Encrypt));

        Assert.Equal(WechatCryptoError.ValidateAppidError, ex.Error);
    }

    [Fact]
    public void AppIdIsComparedCaseSensitively()
    {
        var other = new WechatMessageCrypt(TencentSamples.Token, TencentSamples.AppId.ToUpperInvariant(), TencentSamples.EncodingAesKey);

        Assert.Equal(WechatCryptoError.ValidateAppidError,
            Assert.Throws<WechatCryptoException>(() => other.Decrypt(TencentSamples.Encrypt)).Error);
    }

    [Fact]
    public void TamperedPaddingIsRejected()
    {
        var bytes = Convert.FromBase64String(TencentSamples.Encrypt);
        bytes[^17] ^= 0x01; // CBC: flips the last plaintext byte, which is the pad length

        var ex = Assert.Throws<WechatCryptoException>(() => SampleCrypt().Decrypt(Convert.ToBase64String(bytes)));

        Assert.Equal(WechatCryptoError.IllegalBuffer, ex.Error);
    }

    [Fact]
    public void TamperedCiphertextIsRejected()
    {
        var bytes = Convert.FromBase64String(TencentSamples.Encrypt);
        bytes[^1] ^= 0xFF; // garbles the whole last plaintext block

        Assert.Throws<WechatCryptoException>(() => SampleCrypt().Decrypt(Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void TruncatedOrMalformedCiphertextIsRejected()
    {
        var crypt = SampleCrypt();
        var bytes = Convert.FromBase64String(TencentSamples.Encrypt);

        Assert.Equal(WechatCryptoError.IllegalBuffer,
            Assert.Throws<WechatCryptoException>(() => crypt.Decrypt(Convert.ToBase64String(bytes[..^16]))).Error);
        Assert.Equal(WechatCryptoError.IllegalBuffer,
            Assert.Throws<WechatCryptoException>(() => crypt.Decrypt("")).Error);
        Assert.Equal(WechatCryptoError.DecodeBase64Error,
            Assert.Throws<WechatCryptoException>(() => crypt.Decrypt("not base64!")).Error);
    }

    [Fact]
    public void WrongKeyIsRejected()
    {
        var wrong = new WechatMessageCrypt(TencentSamples.Token, TencentSamples.AppId, TencentSamples.DemoEncodingAesKey);

        Assert.Throws<WechatCryptoException>(() => wrong.Decrypt(TencentSamples.Encrypt));
    }

    [Fact]
    public void MessageSealedWithThePreviousKeyStillDecryptsDuringRotation()
    {
        var beforeRotation = new WechatMessageCrypt("t", "wx5823bf96d3bd56c7", TencentSamples.DemoEncodingAesKey);
        var afterRotation = new WechatMessageCrypt("t", "wx5823bf96d3bd56c7", TencentSamples.EncodingAesKey, TencentSamples.DemoEncodingAesKey);
        var sealedBefore = beforeRotation.Encrypt("<xml>old key</xml>");

        Assert.Equal("<xml>old key</xml>", afterRotation.Decrypt(sealedBefore));
        Assert.Equal("<xml>new key</xml>", afterRotation.Decrypt(afterRotation.Encrypt("<xml>new key</xml>")));
    }

    [Fact]
    public void RepliesAreSealedWithTheCurrentKeyNotThePreviousOne()
    {
        var afterRotation = new WechatMessageCrypt("t", "wx5823bf96d3bd56c7", TencentSamples.EncodingAesKey, TencentSamples.DemoEncodingAesKey);
        var currentOnly = new WechatMessageCrypt("t", "wx5823bf96d3bd56c7", TencentSamples.EncodingAesKey);

        Assert.Equal("reply", currentOnly.Decrypt(afterRotation.Encrypt("reply")));
    }

    [Theory]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2")] // 42 characters
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2CC")] // 44 characters
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B!C")] // not Base64
    [InlineData("")]
    public void KeyThatIsNot43Base64CharactersIsRefused(string key)
    {
        Assert.Throws<ArgumentException>(() => new WechatMessageCrypt("t", "wx5823bf96d3bd56c7", key));
        Assert.Throws<ArgumentException>(() => new WechatMessageCrypt("t", "wx5823bf96d3bd56c7", TencentSamples.EncodingAesKey, key is "" ? "x" : key));
    }

    [Fact]
    public void OptionsWithoutAnEncodingAesKeyAreRefused()
    {
        var options = new WechatOptions { Token = "t", AppId = "wx5823bf96d3bd56c7", AppSecret = "s" };

        Assert.Throws<ArgumentException>(() => new WechatMessageCrypt(options));
    }

    [Fact]
    public void RandomPrefixOfTheWrongLengthIsRefused()
    {
        Assert.Throws<ArgumentException>(() => SampleCrypt().Encrypt("x", new byte[15]));
    }
}
