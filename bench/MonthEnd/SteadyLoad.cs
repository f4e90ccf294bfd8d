using System.Collections.Concurrent;
using System.Diagnostics;

namespace MonthEnd;

/// <summary>
/// Requests at a fixed rate (an open loop: a slow answer does not slow the next request down, as citizens do not wait
/// for each other), each timed; at most <c>maxInFlight</c> at once, beyond which a request counts as failed.
/// </summary>
public sealed class SteadyLoad(string name, double ratePerSecond, int maxInFlight, Func<int, Task<bool>> send)
{
    public string Name { get; } = name;
    public ConcurrentQueue<(long Start, double Ms, bool Ok)> Samples { get; } = new();
    private int _inFlight;

    public async Task RunAsync(CancellationToken stop)
    {
        var interval = Stopwatch.Frequency / ratePerSecond;
        var begin = Stopwatch.GetTimestamp();
        var running = new List<Task>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var due = begin + (long)(i * interval);
            var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (wait > 1)
            {
                try { await Task.Delay(TimeSpan.FromMilliseconds(wait), stop); } catch (OperationCanceledException) { break; }
            }
            if (Interlocked.Increment(ref _inFlight) > maxInFlight)
            {
                Interlocked.Decrement(ref _inFlight);
                Samples.Enqueue((Stopwatch.GetTimestamp(), double.NaN, false));
                continue;
            }
            running.Add(OneAsync(i));
            if (running.Count > 4096) running.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(running);
    }

    private async Task OneAsync(int i)
    {
        await Task.Yield();
        var start = Stopwatch.GetTimestamp();
        var ok = false;
        try { ok = await send(i); } catch (HttpRequestException) { } catch (TaskCanceledException) { }
        Samples.Enqueue((start, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ok));
        Interlocked.Decrement(ref _inFlight);
    }

    /// <summary>The requests begun in [from, to): count, failures, p50 and p99 of the answered ones.</summary>
    public (int Count, int Failed, double P50, double P99) Between(long from, long to)
    {
        var window = Samples.Where(s => s.Start >= from && s.Start < to).ToList();
        var times = window.Where(s => s.Ok).Select(s => s.Ms).Order().ToArray();
        return (window.Count, window.Count(s => !s.Ok), Percentile(times, 0.50), Percentile(times, 0.99));
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
}
