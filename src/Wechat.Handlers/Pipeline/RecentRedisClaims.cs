using System.Collections.Concurrent;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// The pushes this instance claimed in Redis within the last retry window, with their replies once done. When Redis
/// goes away they are handed to the fallback store: a retry of one of them during the outage, on any instance, finds
/// the claim there instead of running the handler a second time. Costs a dictionary entry per push while Redis is up.
/// </summary>
/// <remarks>
/// Entries leave in the order they came (a queue beside the dictionary), so pruning costs nothing per push. At most
/// <see cref="MaxEntries"/> are kept: beyond some 650 pushes a second per instance the window is shorter than asked,
/// and a retry of an older push during an outage could be handled again.
/// </remarks>
internal sealed class RecentRedisClaims(TimeProvider time, TimeSpan window)
{
    public const int MaxEntries = 20_000;

    private sealed class Entry(long at)
    {
        public long At { get; } = at;
        public string? Reply { get; set; }
        public bool HandedOver { get; set; }
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, Entry Entry)> _order = new();

    public int Count => _entries.Count;

    public void Claimed(string dedupKey)
    {
        var entry = new Entry(time.GetUtcNow().UtcTicks);
        _entries[dedupKey] = entry;
        _order.Enqueue((dedupKey, entry));
        Prune();
    }

    /// <summary>Records the reply; true when the claim was already handed over, so the reply must follow it there.</summary>
    public bool Answered(string dedupKey, string reply)
    {
        if (!_entries.TryGetValue(dedupKey, out var entry)) return false;
        lock (entry)
        {
            entry.Reply = reply;
            return entry.HandedOver;
        }
    }

    /// <summary>The handler failed and the claim was released: nothing to hand over. True when it had been handed over already.</summary>
    public bool Released(string dedupKey) => _entries.TryRemove(dedupKey, out var entry) && entry.HandedOver;

    /// <summary>The claims within the window not handed over yet, marked as handed over; the newest first.</summary>
    public IReadOnlyList<(string DedupKey, string? Reply)> TakeForHandOver()
    {
        Prune();
        var taken = new List<(string Key, string? Reply, long At)>();
        foreach (var (key, entry) in _entries)
        {
            lock (entry)
            {
                if (entry.HandedOver) continue;
                entry.HandedOver = true;
                taken.Add((key, entry.Reply, entry.At));
            }
        }
        // Newest first: a retry or a racing duplicate of the last pushes reaches another instance, which goes to the
        // fallback at once, within the first moments of the outage; the store writes them in this order.
        return [.. taken.OrderByDescending(t => t.At).Select(t => (t.Key, t.Reply))];
    }

    /// <summary>A hand-over that failed (the fallback store is away too): offer the claims again next time.</summary>
    public void HandOverFailed(IEnumerable<(string DedupKey, string? Reply)> claims)
    {
        foreach (var (key, _) in claims)
            if (_entries.TryGetValue(key, out var entry))
                lock (entry) entry.HandedOver = false;
    }

    private void Prune()
    {
        var oldest = time.GetUtcNow().UtcTicks - window.Ticks;
        while (_order.TryPeek(out var head) && (head.Entry.At < oldest || _order.Count > MaxEntries) && _order.TryDequeue(out head))
        {
            // Only this very entry: the key may have been claimed again since (a newer entry under it).
            _entries.TryRemove(new KeyValuePair<string, Entry>(head.Key, head.Entry));
        }
    }
}
