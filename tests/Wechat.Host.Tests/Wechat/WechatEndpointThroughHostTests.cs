using System.Net;
using System.Text;
using Fund.Core.Binding;
using Fund.Data.Stores;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Handlers.Protocol;
using static Wechat.Host.Tests.Wechat.SignedRequests;

namespace Wechat.Host.Tests.Wechat;

/// <summary>POST /wechat through the whole host: real signature checks, pipeline, Redis dedup and MariaDB reads.</summary>
public sealed class WechatEndpointThroughHostTests : IClassFixture<WechatEndpointThroughHostTests.Host>
{
    public sealed class Host : FundHostFactory
    {
        public CountingBindingStore Bindings => Services.GetRequiredService<CountingBindingStore>();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(sp => new CountingBindingStore(ActivatorUtilities.CreateInstance<MySqlBindingStore>(sp)));
                services.AddSingleton<IBindingStore>(sp => sp.GetRequiredService<CountingBindingStore>());
            });
        }
    }

    private readonly Host _host;
    private readonly HttpClient _http;

    public WechatEndpointThroughHostTests(Host host)
    {
        _host = host;
        _http = host.CreateClient();
    }

    [Fact]
    public async Task MyAccountClickAnswersFromTheDatabaseWithAnEncryptedReply()
    {
        var response = await _http.SendAsync(SafeMode(Click("demo-openid-1", "MY_ACCOUNT", UniqueCreateTime())));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = OpenReply(await response.Content.ReadAsStringAsync());
        Assert.Equal("demo-openid-1", reply.Get("ToUserName"));
        var content = reply.Get("Content")!;
        Assert.Contains("张伟", content);
        Assert.Contains("4115****0001", content);
        Assert.Contains("信阳市示范科技有限公司", content);
        Assert.DoesNotContain("411502198803151018", content);
    }

    [Fact]
    public async Task AnUnboundOpenIdIsOfferedBindingAndRegistration()
    {
        var response = await _http.SendAsync(SafeMode(Click("o-nobody-" + Guid.NewGuid().ToString("N"), "BALANCE", UniqueCreateTime())));
        var content = OpenReply(await response.Content.ReadAsStringAsync()).Get("Content")!;
        Assert.Contains("/h5/login", content);
        Assert.Contains("/h5/register", content);
    }

    [Fact]
    public async Task ThreeConcurrentDeliveriesAreHandledOnceAndGetTheSameReply()
    {
        var openId = "demo-openid-3";
        var inner = Text(openId, "贷款", msgId: UniqueCreateTime());
        var before = _host.Bindings.LookupsFor(openId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _http.SendAsync(SafeMode(inner))));

        var contents = new List<string>();
        foreach (var r in responses)
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            contents.Add(OpenReply(await r.Content.ReadAsStringAsync()).Get("Content")!);
        }
        Assert.Equal(1, _host.Bindings.LookupsFor(openId) - before);
        Assert.Single(contents.Distinct());
        Assert.Contains("XYGJJ2021060017", contents[0]);

        // A fourth delivery after all three finished is answered from the stored reply, still without handling.
        var late = await _http.SendAsync(SafeMode(inner));
        Assert.Equal(contents[0], OpenReply(await late.Content.ReadAsStringAsync()).Get("Content"));
        Assert.Equal(1, _host.Bindings.LookupsFor(openId) - before);
    }

    [Fact]
    public async Task AForgedSignatureIsRefusedAndNothingIsHandled()
    {
        var openId = "o-forged-" + Guid.NewGuid().ToString("N");
        var request = SafeMode(Click(openId, "MY_ACCOUNT", UniqueCreateTime()));
        // Only the URL signature is forged; msg_signature stays right, so the check that refuses is the first one.
        request.RequestUri = new Uri(System.Text.RegularExpressions.Regex.Replace(
            request.RequestUri!.OriginalString, "(?<=[?&])signature=[0-9a-f]+", "signature=" + new string('0', 40)), UriKind.Relative);
        var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _host.Bindings.LookupsFor(openId));
    }

    [Fact]
    public async Task AnExpiredTimestampIsRefusedEvenWhenCorrectlySigned()
    {
        var openId = "o-stale-" + Guid.NewGuid().ToString("N");
        var stale = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds().ToString();
        var response = await _http.SendAsync(SafeMode(Click(openId, "MY_ACCOUNT", UniqueCreateTime()), timestamp: stale));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _host.Bindings.LookupsFor(openId));
    }

    [Fact]
    public async Task AMessageSealedForAnotherAppIdIsRefused()
    {
        var openId = "o-otherapp-" + Guid.NewGuid().ToString("N");
        var other = new WechatMessageCrypt(Token, "wx0ther000000000001", AesKey);
        var response = await _http.SendAsync(SafeMode(Click(openId, "MY_ACCOUNT", UniqueCreateTime()), other));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _host.Bindings.LookupsFor(openId));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>&xxe;</ToUserName><Encrypt>x</Encrypt></xml>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Encrypt>&lol3;</Encrypt></xml>""")]
    public async Task DtdBodiesAreRefusedWithoutExpansion(string body)
    {
        var timestamp = Now();
        var response = await _http.PostAsync(Query(timestamp, Nonce()), new StringContent(body, Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("root:", text);
        Assert.DoesNotContain("lollol", text);
    }

    [Fact]
    public async Task ABodyOver64KilobytesIsRefusedWith413()
    {
        var body = "<xml><Encrypt>" + new string('A', 70 * 1024) + "</Encrypt></xml>";
        var response = await _http.PostAsync(Query(Now(), Nonce()), new StringContent(body, Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UrlVerificationEchoesOnlyWithTheRightSignature()
    {
        var timestamp = Now();
        var nonce = Nonce();
        var ok = await _http.GetAsync(Query(timestamp, nonce) + "&echostr=hello-12345");
        Assert.Equal("hello-12345", await ok.Content.ReadAsStringAsync());
        var forged = await _http.GetAsync($"/wechat?signature={new string('a', 40)}&timestamp={timestamp}&nonce={nonce}&echostr=hello");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.DoesNotContain("hello", await forged.Content.ReadAsStringAsync());
    }
}
