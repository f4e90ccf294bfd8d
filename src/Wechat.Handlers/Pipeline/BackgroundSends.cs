using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// The customer-service sends that outlive their request (late replies, the overflow of long text). An instance that
/// is stopping waits for them after its server has drained, so a citizen's answer is not dropped by a restart.
/// </summary>
/// <remarks>
/// The wait runs in <see cref="StoppedAsync"/>, after every hosted service — Kestrel included — has stopped: an
/// in-flight push can still start a send while the server drains. The host's shutdown timeout bounds the wait.
/// </remarks>
public sealed class BackgroundSends(ILogger<BackgroundSends> logger) : IHostedLifecycleService
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    public int Count
    {
        get { lock (_gate) return _running.Count; }
    }

    /// <summary>Keeps <paramref name="send"/> until it finishes; returns it.</summary>
    public Task Track(Task send)
    {
        lock (_gate) _running.Add(send);
        send.ContinueWith(t => { lock (_gate) _running.Remove(t); }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return send;
    }

    /// <summary>Waits until no tracked send is left (sends started while waiting included), or until cancelled.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        while (true)
        {
            Task[] left;
            lock (_gate) left = [.. _running];
            if (left.Length == 0) return;
            logger.LogInformation("Waiting for {Count} customer-service send(s) before stopping", left.Length);
            await Task.WhenAll(left).WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopped with {Count} customer-service send(s) unfinished (shutdown timeout)", Count);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
