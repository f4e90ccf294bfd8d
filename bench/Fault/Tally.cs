using System.Collections.Concurrent;

namespace Fault;

/// <summary>What happened to each kind of request, per phase of the run.</summary>
internal sealed class Tally
{
    private readonly ConcurrentDictionary<(string Phase, string Kind, string Outcome), int> _counts = new();
    private readonly ConcurrentQueue<string> _samples = new();

    public volatile string Phase = "warm-up";

    public void Count(string kind, string outcome) => _counts.AddOrUpdate((Phase, kind, outcome), 1, (_, n) => n + 1);

    /// <summary>A bad answer, kept (a few) for the report.</summary>
    public void Bad(string kind, string what)
    {
        Count(kind, "bad");
        if (_samples.Count < 20) _samples.Enqueue($"[{Phase}] {kind}: {what}");
    }

    public int Get(string phase, string kind, string outcome) => _counts.GetValueOrDefault((phase, kind, outcome));

    public int Total(string kind, string outcome) => _counts.Where(kv => kv.Key.Kind == kind && kv.Key.Outcome == outcome).Sum(kv => kv.Value);

    public IEnumerable<string> Samples => _samples;
}
