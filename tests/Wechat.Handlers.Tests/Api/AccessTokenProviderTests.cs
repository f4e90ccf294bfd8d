using Wechat.Handlers.Api;

namespace Wechat.Handlers.Tests.Api;

public sealed class AccessTokenProviderTests : IClassFixture<WechatServerFixture>
{
    private readonly WechatServerFixture wechat;

    public AccessTokenProviderTests(WechatServerFixture wechat)
    {
        this.wechat = wechat;
        wechat.Reset();
    }

    [Fact]
    public async Task FetchesTheTokenWithAStableTokenRequestThatDoesNotForceARefresh()
    {
        wechat.AnswerStableToken("TOKEN_A");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var token = await rig.Tokens.GetTokenAsync();

        Assert.Equal("TOKEN_A", token);
        var request = Assert.Single(wechat.RequestsTo("/cgi-bin/stable_token"));
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Empty(WechatServerFixture.QueryOf(request));
        WechatServerFixture.AssertJsonEqual(
            $$"""{"grant_type":"client_credential","appid":"{{rig.AppId}}","secret":"{{WechatTestRig.Secret}}","force_refresh":false}""",
            WechatServerFixture.BodyOf(request));
    }

    [Fact]
    public async Task ASecondCallIsServedFromRedisWithoutAskingWechat()
    {
        wechat.AnswerStableToken("TOKEN_A");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        await rig.Tokens.GetTokenAsync();
        var second = await rig.Tokens.GetTokenAsync();

        Assert.Equal("TOKEN_A", second);
        Assert.Single(wechat.Server.LogEntries);
    }

    [Fact]
    public async Task TheCachedTokenExpiresInRedisFiveMinutesBeforeWechatsExpiry()
    {
        wechat.AnswerStableToken("TOKEN_A", expiresIn: 7200);
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        await rig.Tokens.GetTokenAsync();

        var ttl = await rig.Db.KeyTimeToLiveAsync(AccessTokenProvider.CacheKey(rig.AppId));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(6890), TimeSpan.FromSeconds(6900));
    }

    [Fact]
    public async Task ATokenPastItsUsableLifetimeIsFetchedAgain()
    {
        wechat.AnswerStableToken("TOKEN_A", expiresIn: 7200);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var rig = await WechatTestRig.StartAsync(wechat.Url, clock);
        await rig.Tokens.GetTokenAsync();

        clock.Advance(TimeSpan.FromSeconds(7200 - 299));
        await rig.Tokens.GetTokenAsync();

        var requests = wechat.RequestsTo("/cgi-bin/stable_token");
        Assert.Equal(2, requests.Count);
        Assert.False(WechatServerFixture.BodyOf(requests[1])!["force_refresh"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AfterInvalidationTheNextFetchForcesARefresh()
    {
        wechat.AnswerStableToken("TOKEN_A");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);
        var rejected = await rig.Tokens.GetTokenAsync();

        await rig.Tokens.InvalidateAsync(rejected);
        await rig.Tokens.GetTokenAsync();

        var requests = wechat.RequestsTo("/cgi-bin/stable_token");
        Assert.Equal(2, requests.Count);
        Assert.True(WechatServerFixture.BodyOf(requests[1])!["force_refresh"]!.GetValue<bool>());
    }

    [Fact]
    public async Task InvalidatingAnOldTokenKeepsTheNewerOneAnotherInstanceCached()
    {
        wechat.AnswerStableToken("TOKEN_NEW");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);
        await rig.Tokens.GetTokenAsync();

        await rig.Tokens.InvalidateAsync("TOKEN_OLD");
        var token = await rig.Tokens.GetTokenAsync();

        Assert.Equal("TOKEN_NEW", token);
        Assert.Single(wechat.RequestsTo("/cgi-bin/stable_token"));
        Assert.False(await rig.Db.KeyExistsAsync(AccessTokenProvider.CacheKey(rig.AppId) + ":force-refresh"));
    }

    [Fact]
    public async Task TwoInstancesAskingAtOnceMakeExactlyOneStableTokenRequest()
    {
        wechat.AnswerStableToken("TOKEN_A", delay: TimeSpan.FromMilliseconds(500));
        await using var first = await WechatTestRig.StartAsync(wechat.Url);
        await using var second = await WechatTestRig.StartAsync(wechat.Url, appId: first.AppId);

        var tokens = await Task.WhenAll(first.Tokens.GetTokenAsync(), second.Tokens.GetTokenAsync());

        Assert.Equal(["TOKEN_A", "TOKEN_A"], tokens);
        Assert.Single(wechat.RequestsTo("/cgi-bin/stable_token"));
    }

    [Fact]
    public async Task AWechatErrorOnStableTokenIsAnApiExceptionAndNothingIsCached()
    {
        wechat.Answer("POST", "/cgi-bin/stable_token", """{"errcode":40125,"errmsg":"invalid appsecret"}""");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);

        var error = await Assert.ThrowsAsync<WechatApiException>(() => rig.Tokens.GetTokenAsync());

        Assert.Equal(40125, error.ErrCode);
        Assert.False(await rig.Db.KeyExistsAsync(AccessTokenProvider.CacheKey(rig.AppId)));
        Assert.False(await rig.Db.KeyExistsAsync(AccessTokenProvider.CacheKey(rig.AppId) + ":lock"));
    }

    [Theory]
    [InlineData(7200, 6900)]
    [InlineData(600, 300)]
    [InlineData(200, 100)]
    public void AShortLivedTokenIsKeptForHalfItsTimeRatherThanNotAtAll(int expiresIn, int usableSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(usableSeconds), SharedCredentialCache.UsableLifetime(expiresIn));
}
