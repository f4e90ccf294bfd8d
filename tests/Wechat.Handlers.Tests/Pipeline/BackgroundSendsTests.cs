using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wechat.Handlers.Pipeline;

namespace Wechat.Handlers.Tests.Pipeline;

public sealed class BackgroundSendsTests
{
    /// <summary>A sender that takes its time, like the WeChat API under load.</summary>
    private sealed class SlowSender(TimeSpan delay) : ICustomerServiceSender
    {
        public List<string> Sent { get; } = [];

        public async Task SendTextAsync(string openId, string text, CancellationToken ct)
        {
            await Task.Delay(delay, ct);
            lock (Sent) Sent.Add(text);
        }
    }

    private static IHost HostWith(ICustomerServiceSender sender)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton(sender);
        builder.Services.AddSingleton(new MessagePipelineOptions());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BackgroundSends>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BackgroundSends>());
        builder.Services.AddSingleton<CustomerServiceDelivery>();
        return builder.Build();
    }

    [Fact]
    public async Task AStoppingHostFinishesTheCustomerServiceSendsStillUnderWay()
    {
        var sender = new SlowSender(TimeSpan.FromMilliseconds(700));
        using var host = HostWith(sender);
        await host.StartAsync();
        var delivery = host.Services.GetRequiredService<CustomerServiceDelivery>();

        var late = delivery.DeliverAsync("o-stop", Task.FromResult<string?>("迟到的回复"), delivery.NewDeadline());
        var overflow = delivery.DeliverAsync("o-stop", Task.FromResult<string?>("其余部分"), delivery.NewDeadline());
        Assert.False(late.IsCompleted);
        await host.StopAsync();

        Assert.True(late.IsCompleted && overflow.IsCompleted);
        Assert.Equal(["其余部分", "迟到的回复"], sender.Sent.Order(StringComparer.Ordinal));
        Assert.Equal(0, host.Services.GetRequiredService<BackgroundSends>().Count);
    }

    [Fact]
    public async Task TheWaitEndsAtTheShutdownTimeoutWhenASendHangs()
    {
        var sender = new SlowSender(TimeSpan.FromSeconds(20));
        using var host = HostWith(sender);
        await host.StartAsync();
        var delivery = host.Services.GetRequiredService<CustomerServiceDelivery>();
        var hanging = delivery.DeliverAsync("o-hang", Task.FromResult<string?>("挂起"), delivery.NewDeadline());

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await host.StopAsync(timeout.Token);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stop took {watch.Elapsed}");
        Assert.False(hanging.IsCompleted);
        Assert.Empty(sender.Sent);
    }
}
