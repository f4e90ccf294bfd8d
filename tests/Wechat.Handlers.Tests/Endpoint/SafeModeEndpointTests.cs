using System.Net;
using System.Text;
using Wechat.Handlers.Protocol;
using static Wechat.Handlers.Tests.Endpoint.WechatEndpointServer;

namespace Wechat.Handlers.Tests.Endpoint;

public sealed class SafeModeEndpointTests
{
    private static readonly WechatMessageCrypt OurCrypt = new(Token, AppId, EncodingAesKey);

    /// <summary>What WeChat would POST in safe mode: the message encrypted for <paramref name="crypt"/>'s AppId.</summary>
    private static (string Url, StringContent Body) Encrypted(string innerXml, WechatMessageCrypt crypt, string? msgSignature = null)
    {
        var timestamp = Now();
        const string nonce = "safeNonce";
        var encrypt = crypt.Encrypt(innerXml);
        var signature = msgSignature ?? WechatSignature.Compute(Token, timestamp, nonce, encrypt);
        var url = SignedQuery(timestamp, nonce) + "&encrypt_type=aes&msg_signature=" + signature;
        var body = $"<xml><ToUserName><![CDATA[gh_endpoint]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        return (url, new StringContent(body, Encoding.UTF8, "text/xml"));
    }

    [Fact]
    public async Task AnEncryptedMessageGetsAnEncryptedReplyThatDecryptsToTheAnswer()
    {
        await using var server = await StartAsync(safeMode: true);
        var (url, body) = Encrypted(TextXml(), OurCrypt);

        var response = await server.Http.PostAsync(url, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outer = InboundXml.Parse(await response.Content.ReadAsStringAsync());
        var inner = InboundXml.Parse(OurCrypt.VerifyAndDecrypt(
            outer.Get("MsgSignature"), outer.Get("TimeStamp")!, outer.Get("Nonce")!, outer.Get("Encrypt")!));
        Assert.Equal("收到", inner.Get("Content"));
        Assert.Equal("o-endpoint", inner.Get("ToUserName"));
    }

    [Fact]
    public async Task AMessageSealedForAnotherAppIdIsRejected()
    {
        await using var server = await StartAsync(safeMode: true);
        var (url, body) = Encrypted(TextXml(), new WechatMessageCrypt(Token, "wx0therapp0000000", EncodingAesKey));

        var response = await server.Http.PostAsync(url, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, server.PipelineRuns);
    }

    [Fact]
    public async Task AWrongMsgSignatureIsRefusedBeforeDecrypting()
    {
        await using var server = await StartAsync(safeMode: true);
        var (url, body) = Encrypted(TextXml(), OurCrypt, msgSignature: new string('0', 40));

        var response = await server.Http.PostAsync(url, body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, server.PipelineRuns);
    }

    [Fact]
    public async Task APlainBodyIsRefusedWhenTheAccountIsInSafeMode()
    {
        await using var server = await StartAsync(safeMode: true);

        var response = await server.Http.PostAsync(SignedQuery(Now()), new StringContent(TextXml(), Encoding.UTF8, "text/xml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, server.PipelineRuns);
    }
}
