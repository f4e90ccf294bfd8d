using System.Diagnostics;

namespace Bench.Shared;

/// <summary>A fixed number of requests from a fixed number of workers: throughput and latency percentiles.</summary>
public static class LoadRun
{
    /// <summary>Warms up with a few sends, then runs <paramref name="requests"/> sends; returns requests per second.</summary>
    public static async Task<double> RunAsync(string name, int requests, int concurrency, Func<int, Task<bool>> send,
        int warmUpOffset = 0, string unit = "req/s")
    {
        for (var i = 0; i < Math.Min(50, requests); i++) await send(warmUpOffset + i); // JIT, pools, caches
        var times = new double[requests];
        var failures = 0;
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var t = Stopwatch.GetTimestamp();
                var ok = false;
                try { ok = await send(i); } catch (HttpRequestException) { } catch (TaskCanceledException) { }
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (!ok) Interlocked.Increment(ref failures);
            }
        }));
        var rate = requests / wall.Elapsed.TotalSeconds;
        Array.Sort(times);
        Console.WriteLine($"{name}: {requests} requests, concurrency {concurrency}, {rate:0} {unit}, " +
                          $"p50 {times[requests / 2]:0.00} ms, p99 {times[(int)(requests * 0.99)]:0.00} ms, failures {failures}");
        return rate;
    }

    public static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>Load tools may only aim at this machine.</summary>
    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)
        && System.Net.IPAddress.IsLoopback(ip);
}
