using Microsoft.Extensions.Options;
using Wechat.Handlers.Api;

namespace Wechat.Handlers.Tests.Api;

public sealed class CredentialLoggingTests : IClassFixture<WechatServerFixture>
{
    private readonly WechatServerFixture wechat;

    public CredentialLoggingTests(WechatServerFixture wechat)
    {
        this.wechat = wechat;
        wechat.Reset();
    }

    [Fact]
    public async Task NeitherTheSecretNorATokenIsEverLoggedEvenWhenATokenIsRejected()
    {
        wechat.AnswerStableToken("TOKEN_SHOULD_NOT_BE_LOGGED");
        wechat.Answer("POST", "/cgi-bin/message/custom/send", """{"errcode":40001,"errmsg":"invalid credential"}""");
        await using var rig = await WechatTestRig.StartAsync(wechat.Url);
        var tokenLog = new RecordingLogger<AccessTokenProvider>();
        var apiLog = new RecordingLogger<WechatApiClient>();
        var options = Options.Create(rig.Options);
        var tokens = new AccessTokenProvider(rig.Redis, WechatTestRig.NewHttpClient(wechat.Url), options, rig.Time, tokenLog);
        var api = new WechatApiClient(WechatTestRig.NewHttpClient(wechat.Url), tokens, rig.Redis, options, rig.Time, apiLog);

        await Assert.ThrowsAsync<WechatApiException>(() => api.SendCustomTextAsync("OPENID_1", "hi"));

        var lines = tokenLog.Lines.Concat(apiLog.Lines).ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, line => line.Contains(WechatTestRig.Secret));
        Assert.DoesNotContain(lines, line => line.Contains("TOKEN_SHOULD_NOT_BE_LOGGED"));
    }
}
