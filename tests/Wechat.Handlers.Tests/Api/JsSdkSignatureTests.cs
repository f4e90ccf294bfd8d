using Wechat.Handlers.Api;

namespace Wechat.Handlers.Tests.Api;

/// <summary>The example in WeChat's JS-SDK documentation, appendix 1 (signature algorithm).</summary>
public sealed class JsSdkSignatureTests
{
    private const string Ticket =
        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
    private const string NonceStr = "Wm3WZYTPz0wzccnW";
    private const long Timestamp = 1414587457;

    [Fact]
    public void MatchesWechatsPublishedExampleForAUrlWithAQuery() =>
        Assert.Equal("0f9de62fce790f9a083d5c99e95740ceb90c27ed",
            WechatApiClient.JsSdkSignature(Ticket, NonceStr, Timestamp, "http://mp.weixin.qq.com?params=value"));

    [Fact]
    public void MatchesWechatsEarlierPublishedExampleForABareUrl() =>
        Assert.Equal("f4d90daf4b3bca3078ab155816175ba34c443a7b",
            WechatApiClient.JsSdkSignature(Ticket, NonceStr, Timestamp, "http://mp.weixin.qq.com"));

    [Fact]
    public void TheFragmentIsNotSigned() =>
        Assert.Equal("0f9de62fce790f9a083d5c99e95740ceb90c27ed",
            WechatApiClient.JsSdkSignature(Ticket, NonceStr, Timestamp, "http://mp.weixin.qq.com?params=value#/page"));
}
