using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wechat.Handlers.Pipeline;

namespace Wechat.Handlers.Tests.Pipeline;

public sealed class BackgroundSendsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A sender whose calls, like the WeChat API's under load, end only when the test lets them (or never).</summary>
    private sealed class GatedSender : ICustomerServiceSender
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Sent { get; } = [];

        public async Task SendTextAsync(string openId, string text, CancellationToken ct)
        {
            await Gate.Task;
            lock (Sent) Sent.Add(text);
        }
    }

    /// <summary>Completes <see cref="Draining"/> when <see cref="BackgroundSends"/> says it waits for sends before stopping.</summary>
    private sealed class DrainWatch : ILoggerProvider, ILogger
    {
        public TaskCompletionSource Draining { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(BackgroundSends).FullName ? this : NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith("Waiting for", StringComparison.Ordinal)) Draining.TrySetResult();
        }

        public void Dispose()
        {
        }
    }

    private static IHost HostWith(ICustomerServiceSender sender, DrainWatch? watch = null, TimeSpan? shutdownTimeout = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        if (watch is not null) builder.Logging.AddProvider(watch);
        if (shutdownTimeout is { } timeout) builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
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
        var sender = new GatedSender();
        var watch = new DrainWatch();
        using var host = HostWith(sender, watch);
        await host.StartAsync();
        var delivery = host.Services.GetRequiredService<CustomerServiceDelivery>();

        var late = delivery.DeliverAsync("o-stop", Task.FromResult<string?>("迟到的回复"), delivery.NewDeadline());
        var overflow = delivery.DeliverAsync("o-stop", Task.FromResult<string?>("其余部分"), delivery.NewDeadline());
        Assert.False(late.IsCompleted);
        var stopping = host.StopAsync();
        // The sends end only once the stopping host waits for them.
        await Task.WhenAny(watch.Draining.Task, stopping).WaitAsync(Patience);
        Assert.False(stopping.IsCompleted, "the host stopped without waiting for the sends under way");
        sender.Gate.SetResult();
        await stopping.WaitAsync(Patience);

        Assert.True(late.IsCompleted && overflow.IsCompleted);
        Assert.Equal(["其余部分", "迟到的回复"], sender.Sent.Order(StringComparer.Ordinal));
        Assert.Equal(0, host.Services.GetRequiredService<BackgroundSends>().Count);
    }

    [Fact]
    public async Task TheWaitEndsAtTheShutdownTimeoutWhenASendHangs()
    {
        // The send never ends, not even at its own deadline; the host's own shutdown timeout is far off: only the
        // 300 ms stop token given below can end the wait within the test's patience.
        var sender = new GatedSender();
        using var host = HostWith(sender, shutdownTimeout: TimeSpan.FromMinutes(10));
        await host.StartAsync();
        var delivery = host.Services.GetRequiredService<CustomerServiceDelivery>();
        var hanging = delivery.DeliverAsync("o-hang", Task.FromResult<string?>("挂起"), delivery.NewDeadline());

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopped = host.StopAsync(timeout.Token);
        await Task.WhenAny(stopped, Task.Delay(Patience));

        Assert.True(stopped.IsCompleted, "the stop did not end at its timeout");
        await stopped;
        Assert.False(hanging.IsCompleted);
        Assert.Empty(sender.Sent);
    }
}
