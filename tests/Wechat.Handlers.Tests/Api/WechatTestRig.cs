using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Wechat.Handlers.Api;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Wechat.Handlers.Tests.Api;

/// <summary>
/// Our side of a test: options pointing at WireMock, a real Redis connection and the clients under test. Each rig
/// has its own app id, so its Redis keys (<c>wechat:*:{appid}</c>) are its own and are deleted on dispose.
/// </summary>
internal sealed class WechatTestRig : IAsyncDisposable
{
    public const string Secret = "test-secret-do-not-log";

    private WechatTestRig(WechatOptions options, IConnectionMultiplexer redis, TimeProvider time)
    {
        Options = options;
        Redis = redis;
        Time = time;
        var wrapped = MsOptions.Create(options);
        Tokens = new AccessTokenProvider(redis, NewHttpClient(options.ApiBaseUrl), wrapped, time,
            NullLogger<AccessTokenProvider>.Instance);
        Api = new WechatApiClient(NewHttpClient(options.ApiBaseUrl), Tokens, redis, wrapped, time,
            NullLogger<WechatApiClient>.Instance);
        OAuth = new WechatOAuthClient(NewHttpClient(options.ApiBaseUrl), wrapped);
    }

    public WechatOptions Options { get; }
    public IConnectionMultiplexer Redis { get; }
    public TimeProvider Time { get; }
    public AccessTokenProvider Tokens { get; }
    public WechatApiClient Api { get; }
    public WechatOAuthClient OAuth { get; }
    public string AppId => Options.AppId;
    public IDatabase Db => Redis.GetDatabase();

    public static string RedisAddress =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Redis") is { Length: > 0 } configured
            ? configured
            : "127.0.0.1:16379";

    public static string NewAppId() => "wxtest" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<WechatTestRig> StartAsync(string apiBaseUrl, TimeProvider? time = null, string? appId = null)
    {
        var options = new WechatOptions
        {
            AppId = appId ?? NewAppId(),
            AppSecret = Secret,
            Token = "token",
            ApiBaseUrl = apiBaseUrl,
            OAuthBaseUrl = "https://open.weixin.qq.com",
            PublicBaseUrl = "https://fund.example.cn",
        };
        var redis = await ConnectionMultiplexer.ConnectAsync(RedisAddress);
        return new WechatTestRig(options, redis, time ?? TimeProvider.System);
    }

    public static HttpClient NewHttpClient(string baseUrl) => new() { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };

    public async ValueTask DisposeAsync()
    {
        var db = Redis.GetDatabase();
        foreach (var kind in new[] { "token", "jsticket" })
        foreach (var suffix in new[] { "", ":lock", ":force-refresh" })
            await db.KeyDeleteAsync($"wechat:{kind}:{AppId}{suffix}");
        await Redis.DisposeAsync();
    }
}
