using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Outlets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Pipeline;

/// <summary>
/// The handlers' registrations as the host would make them, with Core in memory, a recording sender and real Redis.
/// Every rig has its own OpenID and message numbers, so tests never share Redis keys.
/// </summary>
internal sealed class PipelineRig : IDisposable
{
    public const string PublicBaseUrl = "https://fund.example.test";
    public const string OurAccount = "gh_pipelinetest";

    private readonly ServiceProvider _services;
    private long _next = DateTimeOffset.UtcNow.ToUnixTimeSeconds() * 1000;

    /// <param name="time">The clock the pipeline waits on; a fake one lets a test move time instead of sleeping.</param>
    public PipelineRig(IConnectionMultiplexer redis, Action<MessagePipelineOptions>? timings = null, TimeProvider? time = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton(redis);
        builder.Services.AddSingleton<IBindingStore>(Fund);
        builder.Services.AddSingleton(new AccountQuery(Fund, Fund, Fund));
        builder.Services.AddSingleton(new OutletFinder(Fund));
        builder.Services.AddSingleton<ICustomerServiceSender>(Sender);
        builder.Services.AddSingleton(Options.Create(new WechatOptions
        {
            AppId = "wx0000000000pipeline", AppSecret = "unused", Token = "unused", PublicBaseUrl = PublicBaseUrl,
        }));
        var options = new MessagePipelineOptions { RetryPollInterval = TimeSpan.FromMilliseconds(20) };
        timings?.Invoke(options);
        builder.Services.AddSingleton(options);
        builder.AddWechatHandlers();
        _services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Redis = redis;
    }

    public string OpenId { get; } = "o-test-" + Guid.NewGuid().ToString("N");

    public InMemoryFund Fund { get; } = new();

    public RecordingSender Sender { get; } = new();

    public IConnectionMultiplexer Redis { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public InMemoryFund Bound() => Fund.WithBoundCitizen(OpenId);

    public TextMessage Text(string content) => new(OurAccount, OpenId, Now(), content, NewMsgId());

    public ClickEvent Click(string key) => new(OurAccount, OpenId, NextId(), key);

    public LocationMessage Location(decimal latitude, decimal longitude) =>
        new(OurAccount, OpenId, Now(), latitude, longitude, 15, "", NewMsgId());

    /// <summary>Through the whole pipeline, as the endpoint would send it.</summary>
    public async Task<Reply> SendAsync(InboundMessage message) =>
        await Get<MessagePipeline>().HandleAsync(new MessageContext(message));

    public async Task<string> TextOfAsync(InboundMessage message) => Assert.IsType<TextReply>(await SendAsync(message)).Content;

    public void Dispose() => _services.Dispose();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    // MsgIds are global in the dedup key, so rigs started in the same second must not count from the same place.
    private static string NewMsgId() => Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Events are told apart by CreateTime, so each one gets its own "second".
    private long NextId() => Interlocked.Increment(ref _next);
}
