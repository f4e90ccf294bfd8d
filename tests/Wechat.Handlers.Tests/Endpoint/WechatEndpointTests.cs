using System.Net;
using System.Text;
using Wechat.Handlers.Protocol;
using static Wechat.Handlers.Tests.Endpoint.WechatEndpointServer;

namespace Wechat.Handlers.Tests.Endpoint;

public sealed class WechatEndpointTests
{
    private static StringContent Xml(string body) => new(body, Encoding.UTF8, "text/xml");

    [Fact]
    public async Task TheUrlCheckEchoesEchostrWhenSigned()
    {
        await using var server = await StartAsync(safeMode: false);

        var response = await server.Http.GetAsync(SignedQuery(Now()) + "&echostr=4815162342");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("4815162342", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheUrlCheckWithAForgedSignatureIsRefusedWithAnEmptyBody()
    {
        await using var server = await StartAsync(safeMode: false);

        var response = await server.Http.GetAsync(SignedQuery(Now(), token: "guessed") + "&echostr=4815162342");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APlainTextMessageGetsAnXmlReplyAddressedBack()
    {
        await using var server = await StartAsync(safeMode: false);

        var response = await server.Http.PostAsync(SignedQuery(Now()), Xml(TextXml()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = InboundXml.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("o-endpoint", reply.Get("ToUserName"));
        Assert.Equal("gh_endpoint", reply.Get("FromUserName"));
        Assert.Equal("收到", reply.Get("Content"));
    }

    [Fact]
    public async Task AForgedSignatureIsRefusedAndTheHandlerNeverRuns()
    {
        await using var server = await StartAsync(safeMode: false);

        var response = await server.Http.PostAsync(SignedQuery(Now(), token: "guessed"), Xml(TextXml()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, server.PipelineRuns);
    }

    [Fact]
    public async Task AnExpiredTimestampIsRefused()
    {
        await using var server = await StartAsync(safeMode: false);
        var tenMinutesAgo = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await server.Http.PostAsync(SignedQuery(tenMinutesAgo), Xml(TextXml()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, server.PipelineRuns);
    }

    [Fact]
    public async Task ABodyOver64KilobytesIsRefused()
    {
        await using var server = await StartAsync(safeMode: false);

        var response = await server.Http.PostAsync(SignedQuery(Now()), Xml(TextXml(new string('a', 70_000))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, server.PipelineRuns);
    }

    [Fact]
    public async Task AChunkedBodyOver64KilobytesIsRefusedWhileReading()
    {
        await using var server = await StartAsync(safeMode: false);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(TextXml(new string('a', 70_000)))));
        using var request = new HttpRequestMessage(HttpMethod.Post, SignedQuery(Now())) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, server.PipelineRuns);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;\">]><xml><Content>&lol3;</Content></xml>")]
    [InlineData("<xml><ToUserName>gh</ToUserName>")]
    [InlineData("<xml><Content>no envelope</Content></xml>")]
    public async Task AMalformedOrEntityLadenBodyIsABadRequest(string body)
    {
        await using var server = await StartAsync(safeMode: false);

        var response = await server.Http.PostAsync(SignedQuery(Now()), Xml(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, server.PipelineRuns);
    }

    [Fact]
    public async Task SuccessIsWrittenAsPlainTextAndAnEmptyReplyAsAnEmptyBody()
    {
        await using var server = await StartAsync(safeMode: false);

        server.NextReply = SuccessReply.Instance;
        var success = await server.Http.PostAsync(SignedQuery(Now()), Xml(TextXml()));
        server.NextReply = EmptyReply.Instance;
        var empty = await server.Http.PostAsync(SignedQuery(Now()), Xml(TextXml()));

        Assert.Equal("success", await success.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", success.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("", await empty.Content.ReadAsStringAsync());
    }
}
