using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class WechatSignatureTests
{
    private static string Sha1Hex(string s) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(s)));

    [Fact]
    public void SignatureIsSha1OfThePartsSortedAndJoined()
    {
        Assert.Equal(Sha1Hex("1372623149" + "1409659813" + "QDG6eK"), WechatSignature.Compute("QDG6eK", "1409659813", "1372623149"));
    }

    [Fact]
    public void PartsAreSortedOrdinallyNotByCulture()
    {
        string[] parts = ["a", "B", "co-op", "coop"];
        var ordinal = parts.Order(StringComparer.Ordinal).ToArray();
        var cultural = parts.Order(StringComparer.Create(CultureInfo.GetCultureInfo("en-US"), ignoreCase: false)).ToArray();

        // The culture puts lowercase "a" before "B"; bytes put "B" (0x42) first, as Tencent's servers do.
        Assert.NotEqual(ordinal, cultural);
        Assert.Equal(Sha1Hex(string.Concat(ordinal)), WechatSignature.Compute(parts));
        Assert.NotEqual(Sha1Hex(string.Concat(cultural)), WechatSignature.Compute(parts));
    }

    [Fact]
    public void GenuineSignatureVerifiesInEitherHexCase()
    {
        var signature = WechatSignature.Compute("token", "1409659813", "nonce");

        Assert.True(WechatSignature.Verify(signature, "token", "1409659813", "nonce"));
        Assert.True(WechatSignature.Verify(signature.ToUpperInvariant(), "token", "1409659813", "nonce"));
    }

    [Fact]
    public void ForgedSignatureIsRejected()
    {
        var signature = WechatSignature.Compute("token", "1409659813", "nonce");
        var forged = (signature[0] == '0' ? "1" : "0") + signature[1..];

        Assert.False(WechatSignature.Verify(forged, "token", "1409659813", "nonce"));
        Assert.False(WechatSignature.Verify(signature, "other-token", "1409659813", "nonce"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex-not-hex-not-hex-not-hex-not-hex!")]
    [InlineData("477715d11cdb4164915debcba66cb864d751f3e")]
    [InlineData("477715d11cdb4164915debcba66cb864d751f3e6aa")]
    public void NullOrGarbageSignatureIsRejectedWithoutThrowing(string? signature)
    {
        Assert.False(WechatSignature.Verify(signature, "token", "1409659813", "nonce"));
    }

    [Fact]
    public void TencentsSampleMsgSignatureVerifies()
    {
        Assert.True(WechatSignature.Verify(
            TencentSamples.MsgSignature,
            TencentSamples.Token, TencentSamples.Timestamp, TencentSamples.Nonce, TencentSamples.Encrypt));
    }
}
