using Wechat.Handlers.Api;

namespace Wechat.Handlers.Tests.Api;

public sealed class WechatOAuthClientTests : IClassFixture<WechatServerFixture>
{
    private readonly WechatServerFixture wechat;

    public WechatOAuthClientTests(WechatServerFixture wechat)
    {
        this.wechat = wechat;
        wechat.Reset();
    }

    [Fact]
    public async Task TheAuthorizeUrlEncodesTheRedirectAndEndsWithWechatRedirect()
    {
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var url = rig.OAuth.BuildAuthorizeUrl("https://fund.example.cn/oauth/callback?return=/h5/account", "s7Xq");

        Assert.Equal(
            $"https://open.weixin.qq.com/connect/oauth2/authorize?appid={rig.AppId}" +
            "&redirect_uri=https%3A%2F%2Ffund.example.cn%2Foauth%2Fcallback%3Freturn%3D%2Fh5%2Faccount" +
            "&response_type=code&scope=snsapi_base&state=s7Xq#wechat_redirect", url);
    }

    [Fact]
    public async Task ExchangingACodeAsksForTheWebTokenAndReturnsTheOpenId()
    {
        wechat.Answer("GET", "/sns/oauth2/access_token", """
            {"access_token":"WEB_TOKEN","expires_in":7200,"refresh_token":"R","openid":"OPENID_1","scope":"snsapi_base"}
            """);
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var result = await rig.OAuth.ExchangeCodeAsync("CODE_1");

        Assert.Equal(new CodeExchangeResult.Exchanged("OPENID_1"), result);
        var request = Assert.Single(wechat.RequestsTo("/sns/oauth2/access_token"));
        Assert.Equal("GET", request.RequestMessage.Method);
        Assert.Equal(new Dictionary<string, string>
        {
            ["appid"] = rig.AppId,
            ["secret"] = WechatTestRig.Secret,
            ["code"] = "CODE_1",
            ["grant_type"] = "authorization_code",
        }, WechatServerFixture.QueryOf(request));
    }

    [Fact]
    public async Task AnAnswerLabelledTextPlainIsStillReadAsJson()
    {
        // Not every WeChat endpoint labels its JSON as application/json; the body is what counts.
        wechat.Answer("GET", "/sns/oauth2/access_token", """{"access_token":"W","openid":"OPENID_2"}""",
            contentType: "text/plain");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        Assert.Equal(new CodeExchangeResult.Exchanged("OPENID_2"), await rig.OAuth.ExchangeCodeAsync("CODE_2"));
    }

    [Theory]
    [InlineData(40163, "code been used", CodeRefusal.AlreadyUsed)]
    [InlineData(40029, "invalid code", CodeRefusal.Invalid)]
    [InlineData(42003, "code expired", CodeRefusal.Expired)]
    public async Task ARefusedCodeIsATypedRefusalNotAnException(int errCode, string errMsg, CodeRefusal reason)
    {
        wechat.Answer("GET", "/sns/oauth2/access_token", $$"""{"errcode":{{errCode}},"errmsg":"{{errMsg}}"}""");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var result = await rig.OAuth.ExchangeCodeAsync("USED_CODE");

        Assert.Equal(new CodeExchangeResult.Refused(reason, errCode, errMsg), result);
    }

    [Fact]
    public async Task AnyOtherErrorOnTheCodeExchangeIsAnApiException()
    {
        wechat.Answer("GET", "/sns/oauth2/access_token", """{"errcode":40013,"errmsg":"invalid appid"}""");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var error = await Assert.ThrowsAsync<WechatApiException>(() => rig.OAuth.ExchangeCodeAsync("CODE_1"));

        Assert.Equal(40013, error.ErrCode);
    }
}
