using System.Collections.Concurrent;

namespace Fault;

/// <summary>What happened to each kind of request, per phase of the run.</summary>
internal sealed class Tally
{
    private readonly ConcurrentDictionary<(string Phase, string Kind, string Outcome), int> _counts = new();
    private readonly ConcurrentQueue<string> _samples = new();
    private readonly ConcurrentDictionary<(string Phase, string Kind), ConcurrentBag<double>> _times = new();

    public volatile string Phase = "warm-up";

    public void Count(string kind, string outcome) => _counts.AddOrUpdate((Phase, kind, outcome), 1, (_, n) => n + 1);

    /// <summary>A bad answer, kept (a few) for the report.</summary>
    public void Bad(string kind, string what)
    {
        Count(kind, "bad");
        if (_samples.Count < 20) _samples.Enqueue($"[{Phase}] {kind}: {what}");
    }

    /// <summary>How long one request took (a push's first delivery, a page view), in milliseconds.</summary>
    public void Time(string kind, double milliseconds) => _times.GetOrAdd((Phase, kind), _ => []).Add(milliseconds);

    /// <summary>"p50/p99" of the times of one kind in one phase.</summary>
    public string Percentiles(string phase, string kind)
    {
        if (!_times.TryGetValue((phase, kind), out var bag) || bag.IsEmpty) return "–";
        var sorted = bag.ToArray();
        Array.Sort(sorted);
        return $"{sorted[sorted.Length / 2]:0}/{sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]:0}";
    }

    public int Get(string phase, string kind, string outcome) => _counts.GetValueOrDefault((phase, kind, outcome));

    public int Total(string kind, string outcome) => _counts.Where(kv => kv.Key.Kind == kind && kv.Key.Outcome == outcome).Sum(kv => kv.Value);

    public IEnumerable<string> Samples => _samples;
}
