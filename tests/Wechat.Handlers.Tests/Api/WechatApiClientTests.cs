using Wechat.Handlers.Api;
using WireMock.RequestBuilders;
using WireMock.Matchers;

namespace Wechat.Handlers.Tests.Api;

public sealed class WechatApiClientTests : IClassFixture<WechatServerFixture>
{
    private const string Ok = """{"errcode":0,"errmsg":"ok"}""";
    private readonly WechatServerFixture wechat;

    public WechatApiClientTests(WechatServerFixture wechat)
    {
        this.wechat = wechat;
        wechat.Reset();
        wechat.AnswerStableToken("TOKEN_A");
    }

    [Fact]
    public async Task CreateMenuPostsTheMenuJsonWithChineseNamesIntact()
    {
        wechat.Answer("POST", "/cgi-bin/menu/create", Ok);
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);
        const string menu = """{"button":[{"type":"click","name":"余额查询","key":"BALANCE"}]}""";

        await rig.Api.CreateMenuAsync(menu);

        var request = Assert.Single(wechat.RequestsTo("/cgi-bin/menu/create"));
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal(new Dictionary<string, string> { ["access_token"] = "TOKEN_A" }, WechatServerFixture.QueryOf(request));
        Assert.Equal(menu, request.RequestMessage.Body);
    }

    [Fact]
    public async Task ATemplateMessageIsSentWithEachFieldWrappedAsAValueAndItsMsgIdReturned()
    {
        wechat.Answer("POST", "/cgi-bin/message/template/send", """{"errcode":0,"errmsg":"ok","msgid":200228332}""");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var msgId = await rig.Api.SendTemplateMessageAsync("OPENID_1", "TEMPLATE_1", "https://fund.example.cn/h5/statement",
            new Dictionary<string, string> { ["thing1"] = "公积金汇缴到账", ["amount2"] = "1,234.00元" });

        Assert.Equal(200228332, msgId);
        var request = Assert.Single(wechat.RequestsTo("/cgi-bin/message/template/send"));
        Assert.Equal("TOKEN_A", WechatServerFixture.QueryOf(request)["access_token"]);
        WechatServerFixture.AssertJsonEqual("""
            {"touser":"OPENID_1","template_id":"TEMPLATE_1","url":"https://fund.example.cn/h5/statement",
             "data":{"thing1":{"value":"公积金汇缴到账"},"amount2":{"value":"1,234.00元"}}}
            """, WechatServerFixture.BodyOf(request));
        Assert.Contains("公积金汇缴到账", request.RequestMessage.Body);
    }

    [Fact]
    public async Task ATemplateMessageWithoutALinkLeavesTheUrlOut()
    {
        wechat.Answer("POST", "/cgi-bin/message/template/send", """{"errcode":0,"errmsg":"ok","msgid":1}""");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        await rig.Api.SendTemplateMessageAsync("OPENID_1", "TEMPLATE_1", null, new Dictionary<string, string>());

        WechatServerFixture.AssertJsonEqual("""{"touser":"OPENID_1","template_id":"TEMPLATE_1","data":{}}""",
            WechatServerFixture.BodyOf(Assert.Single(wechat.RequestsTo("/cgi-bin/message/template/send"))));
    }

    [Fact]
    public async Task ACustomTextMessageIsPostedAsMsgTypeText()
    {
        wechat.Answer("POST", "/cgi-bin/message/custom/send", Ok);
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        await rig.Api.SendCustomTextAsync("OPENID_1", "您的提取申请已受理");

        var request = Assert.Single(wechat.RequestsTo("/cgi-bin/message/custom/send"));
        Assert.Equal("TOKEN_A", WechatServerFixture.QueryOf(request)["access_token"]);
        WechatServerFixture.AssertJsonEqual(
            """{"touser":"OPENID_1","msgtype":"text","text":{"content":"您的提取申请已受理"}}""",
            WechatServerFixture.BodyOf(request));
    }

    [Fact]
    public async Task ACustomNewsMessageCarriesOneArticle()
    {
        wechat.Answer("POST", "/cgi-bin/message/custom/send", Ok);
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        await rig.Api.SendCustomNewsAsync("OPENID_1",
            new NewsArticle("贷款进度", "您的贷款已放款", "https://fund.example.cn/h5/loan", "https://fund.example.cn/p.png"));

        WechatServerFixture.AssertJsonEqual("""
            {"touser":"OPENID_1","msgtype":"news","news":{"articles":[
              {"title":"贷款进度","description":"您的贷款已放款","url":"https://fund.example.cn/h5/loan",
               "picurl":"https://fund.example.cn/p.png"}]}}
            """, WechatServerFixture.BodyOf(Assert.Single(wechat.RequestsTo("/cgi-bin/message/custom/send"))));
    }

    [Fact]
    public async Task TheJsapiTicketIsFetchedWithTypeJsapiAndThenServedFromRedis()
    {
        wechat.Answer("GET", "/cgi-bin/ticket/getticket",
            """{"errcode":0,"errmsg":"ok","ticket":"TICKET_1","expires_in":7200}""");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var first = await rig.Api.GetJsapiTicketAsync();
        var second = await rig.Api.GetJsapiTicketAsync();

        Assert.Equal(["TICKET_1", "TICKET_1"], new[] { first, second });
        var request = Assert.Single(wechat.RequestsTo("/cgi-bin/ticket/getticket"));
        Assert.Equal("GET", request.RequestMessage.Method);
        Assert.Equal(new Dictionary<string, string> { ["access_token"] = "TOKEN_A", ["type"] = "jsapi" },
            WechatServerFixture.QueryOf(request));
        Assert.True(await rig.Db.KeyExistsAsync(WechatApiClient.JsapiTicketKey(rig.AppId)));
    }

    [Fact]
    public async Task ARejectedTokenIsRefreshedWithForceRefreshAndTheCallRetriedOnce()
    {
        wechat.Answer("POST", "/cgi-bin/stable_token", """{"access_token":"TOKEN_B","expires_in":7200}""", priority: 1,
            matching: request => request.WithBody(new JsonPartialMatcher("""{"force_refresh":true}""")));
        wechat.Answer("POST", "/cgi-bin/menu/create", """{"errcode":40001,"errmsg":"invalid credential"}""", priority: 1,
            matching: request => request.WithParam("access_token", "TOKEN_A"));
        wechat.Answer("POST", "/cgi-bin/menu/create", Ok);
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        await rig.Api.CreateMenuAsync("""{"button":[]}""");

        var tokenRequests = wechat.RequestsTo("/cgi-bin/stable_token");
        Assert.Equal([false, true],
            tokenRequests.Select(r => WechatServerFixture.BodyOf(r)!["force_refresh"]!.GetValue<bool>()));
        Assert.Equal(["TOKEN_A", "TOKEN_B"],
            wechat.RequestsTo("/cgi-bin/menu/create").Select(r => WechatServerFixture.QueryOf(r)["access_token"]));
        Assert.Equal("TOKEN_B", await rig.Tokens.GetTokenAsync());
    }

    [Theory]
    [InlineData(42001)]
    [InlineData(40014)]
    public async Task ATokenRejectedTwiceIsRetriedOnlyOnceAndThenReported(int errCode)
    {
        wechat.Answer("POST", "/cgi-bin/message/custom/send", $$"""{"errcode":{{errCode}},"errmsg":"token"}""");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var error = await Assert.ThrowsAsync<WechatApiException>(() => rig.Api.SendCustomTextAsync("OPENID_1", "hi"));

        Assert.Equal(errCode, error.ErrCode);
        Assert.Equal(2, wechat.RequestsTo("/cgi-bin/message/custom/send").Count);
        Assert.Equal(2, wechat.RequestsTo("/cgi-bin/stable_token").Count);
    }

    [Fact]
    public async Task AnyOtherErrorIsAnApiExceptionWithoutRetry()
    {
        wechat.Answer("POST", "/cgi-bin/message/custom/send",
            """{"errcode":45015,"errmsg":"response out of time limit or subscription is canceled"}""");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var error = await Assert.ThrowsAsync<WechatApiException>(() => rig.Api.SendCustomTextAsync("OPENID_1", "hi"));

        Assert.Equal(45015, error.ErrCode);
        Assert.StartsWith("response out of time limit", error.ErrMsg);
        Assert.Single(wechat.RequestsTo("/cgi-bin/message/custom/send"));
    }
}
