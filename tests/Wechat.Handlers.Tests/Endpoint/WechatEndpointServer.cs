using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wechat.Handlers.Endpoint;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Endpoint;

/// <summary>
/// /wechat on Kestrel at a random loopback port, with a stub pipeline that counts what reaches it, so the tests
/// see exactly what WeChat would see over HTTP.
/// </summary>
internal sealed class WechatEndpointServer : IAsyncDisposable
{
    public const string Token = "PipelineTestToken2024";
    public const string AppId = "wx5ba1e0c0ffee0001";
    // 32 bytes 0x00..0x1f in Base64 without its trailing "=": made up for these tests, not Tencent's sample.
    public const string EncodingAesKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    private readonly WebApplication _app;
    private int _pipelineRuns;

    private WechatEndpointServer(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public int PipelineRuns => Volatile.Read(ref _pipelineRuns);

    public Reply NextReply { get; set; } = new TextReply("收到");

    public static async Task<WechatEndpointServer> StartAsync(bool safeMode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        builder.Services.AddSingleton(Options.Create(new WechatOptions
        {
            Token = Token,
            AppId = AppId,
            AppSecret = "unused",
            EncodingAESKey = safeMode ? EncodingAesKey : null,
        }));
        WechatEndpointServer? server = null;
        builder.Services.AddSingleton(new MessagePipeline(ctx =>
        {
            Interlocked.Increment(ref server!._pipelineRuns);
            return ValueTask.FromResult(server.NextReply);
        }));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InboundPushHandler>();
        var app = builder.Build();
        app.MapWechat();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new WechatEndpointServer(app, new HttpClient { BaseAddress = new Uri(address) });
        return server;
    }

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The query WeChat would send, signed with <paramref name="token"/>.</summary>
    public static string SignedQuery(string timestamp, string nonce = "n0nce", string token = Token) =>
        $"/wechat?signature={WechatSignature.Compute(token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}&openid=o-endpoint";

    public static string TextXml(string content = "余额") =>
        $"<xml><ToUserName><![CDATA[gh_endpoint]]></ToUserName><FromUserName><![CDATA[o-endpoint]]></FromUserName><CreateTime>{Now()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>1234567890123456</MsgId></xml>";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
