using System.Diagnostics;

namespace Fault;

/// <summary>
/// Open-loop load: starts <c>rate</c> operations a second whatever the earlier ones are doing (as WeChat and citizens
/// do: a slow server does not slow the arrivals), every 10 ms as many as are due, and waits for all of them at the end.
/// </summary>
internal static class Pacer
{
    public static async Task RunAsync(double rate, Func<int, Task> operation, CancellationToken stop)
    {
        var running = new List<Task>();
        var clock = Stopwatch.StartNew();
        var started = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            for (; started < due; started++) running.Add(operation(started));
            if (running.Count > 1024) running.RemoveAll(t => t.IsCompleted);
            try { await Task.Delay(10, stop); } catch (OperationCanceledException) { }
        }
        await Task.WhenAll(running);
    }
}
