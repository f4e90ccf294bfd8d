namespace Wechat.Host.Notifications;

/// <summary>
/// Delivery of the template messages every part of the service queues in the outbox (withdrawal decisions, loan
/// progress, 到账 notices, account security notices).
/// </summary>
public static class NotificationExtensions
{
    public static IHostApplicationBuilder AddNotificationDelivery(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.Section);
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .Validate(o => o.PollSeconds > 0, "Notifications:PollSeconds must be positive.")
            .Validate(o => o.BatchSize is > 0 and <= 1000 && o.Concurrency is > 0 and <= 256,
                "Notifications:BatchSize must be 1–1000 and Notifications:Concurrency 1–256.")
            .Validate(o => o.BusyRetrySeconds > 0 && o.QuotaPauseSeconds > 0,
                "Notifications:BusyRetrySeconds and QuotaPauseSeconds must be positive.").ValidateOnStart();
        services.AddSingleton<NotificationDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDelivery>());
        return builder;
    }
}
