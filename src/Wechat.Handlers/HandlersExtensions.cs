using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Wechat.Handlers.Chat;
using Wechat.Handlers.Pipeline;

namespace Wechat.Handlers;

public static class HandlersExtensions
{
    /// <summary>
    /// The message pipeline (built once), its steps and the chat handlers. The host registers
    /// <c>IConnectionMultiplexer</c>, Fund.Core's <c>AccountQuery</c>, <c>IBindingStore</c> and <c>OutletFinder</c>,
    /// an <see cref="ICustomerServiceSender"/>, and binds <see cref="WechatOptions"/>.
    /// </summary>
    public static IHostApplicationBuilder AddWechatHandlers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MessagePipelineOptions>().BindConfiguration(MessagePipelineOptions.Section);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<MessagePipelineOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<GuideHandler>();
        services.TryAddSingleton<AccountHandler>();
        services.TryAddSingleton<LoanHandler>();
        services.TryAddSingleton<UnbindHandler>();
        services.TryAddSingleton<OutletHandler>();
        services.TryAddSingleton<ClickRoutes>();
        services.TryAddSingleton<TopicAnswers>();
        services.TryAddSingleton<KeywordRoutes>();
        services.TryAddSingleton<MessageRouter>();

        services.TryAddSingleton<BackgroundSends>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundSends>());
        services.TryAddSingleton<CustomerServiceDelivery>();
        services.TryAddSingleton<GuardStep>();
        services.TryAddSingleton<AccountCopyStep>();
        services.TryAddSingleton<IPushClaimFallback, NoPushClaimFallback>();
        services.TryAddSingleton<FallbackDedup>();
        services.TryAddSingleton<DedupStep>();
        services.TryAddSingleton<ReplyShapingStep>();
        services.TryAddSingleton<ReplyBudgetStep>();
        services.TryAddSingleton<BindingStep>();
        services.TryAddSingleton(Compose);
        services.TryAddSingleton<Endpoint.InboundPushHandler>();
        return builder;
    }

    /// <summary>
    /// guard → account copy check (names the key the dedup claim reads beside it) → dedup → reply shaping → budget → binding → router. Shaping sits inside dedup so retries reuse the
    /// shaped reply and the overflow goes out once; the budget sits inside shaping so a late reply is sent whole
    /// by the budget step rather than split twice.
    /// </summary>
    private static MessagePipeline Compose(IServiceProvider sp) => new(new MessagePipelineBuilder()
        .Use(sp.GetRequiredService<GuardStep>().InvokeAsync)
        .Use(sp.GetRequiredService<AccountCopyStep>().InvokeAsync)
        .Use(sp.GetRequiredService<DedupStep>().InvokeAsync)
        .Use(sp.GetRequiredService<ReplyShapingStep>().InvokeAsync)
        .Use(sp.GetRequiredService<ReplyBudgetStep>().InvokeAsync)
        .Use(sp.GetRequiredService<BindingStep>().InvokeAsync)
        .Build(sp.GetRequiredService<MessageRouter>().RouteAsync));
}
