using System.Globalization;
using System.Text.RegularExpressions;

namespace MonthEnd;

/// <summary>
/// The host's own figures from its <c>/metrics</c> (Prometheus text, loopback only): counters read before and after
/// the peak, the outbox gauges sampled while it runs. Absent (the tool then says so) on a host without the meters.
/// </summary>
public sealed class MetricsScrape(HttpClient http)
{
    public List<(double Seconds, double Backlog, double OldestAge)> Levels { get; } = [];

    /// <summary>Every sample of the text: "name{labels}" → value; null when the host has no /metrics.</summary>
    public async Task<Dictionary<string, double>?> ReadAsync()
    {
        try
        {
            using var response = await http.GetAsync("/metrics");
            if (!response.IsSuccessStatusCode) return null;
            var samples = new Dictionary<string, double>(StringComparer.Ordinal);
            // "name{labels} value [timestamp]" or "name value [timestamp]".
            foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var close = line.LastIndexOf('}');
                var nameEnd = close >= 0 ? close + 1 : line.IndexOf(' ');
                if (nameEnd <= 0) continue;
                var rest = line[nameEnd..].Trim().Split(' ');
                if (double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) samples[line[..nameEnd]] = v;
            }
            return samples;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static double Gauge(Dictionary<string, double> samples, string name) =>
        samples.FirstOrDefault(kv => kv.Key == name || kv.Key.StartsWith(name + "{", StringComparison.Ordinal)) is { Key: not null } kv ? kv.Value : double.NaN;

    public async Task SampleLevelsAsync(long start, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (await ReadAsync() is { } m)
                Levels.Add((System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds,
                    Gauge(m, "wechatfund_outbox_backlog"), Gauge(m, "wechatfund_outbox_oldest_age_seconds")));
            try { await Task.Delay(2000, stop); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>
    /// The growth of each sample of <paramref name="name"/> whose labels include <paramref name="filter"/>, by the
    /// value of its label <paramref name="label"/>.
    /// </summary>
    public static Dictionary<string, double> Delta(Dictionary<string, double> before, Dictionary<string, double> after, string name,
        string label, string filter = "") =>
        after.Where(kv => kv.Key.StartsWith(name + "{", StringComparison.Ordinal) && kv.Key.Contains(filter, StringComparison.Ordinal))
            .Select(kv => (Label: Regex.Match(kv.Key, $"[{{,]{label}=\"([^\"]*)\"").Groups[1].Value, Value: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(d => d.Value != 0)
            .GroupBy(d => d.Label)
            .ToDictionary(g => g.Key, g => g.Sum(d => d.Value));

    /// <summary>
    /// A quantile of what the histogram <paramref name="name"/> recorded between the two reads, as Prometheus'
    /// <c>histogram_quantile</c> estimates it: the bucket holding the rank, linearly inside its bounds. Null when
    /// nothing was recorded.
    /// </summary>
    public static double? Quantile(Dictionary<string, double> before, Dictionary<string, double> after, string name, double q)
    {
        var buckets = after.Where(kv => kv.Key.StartsWith(name + "_bucket{", StringComparison.Ordinal))
            .Select(kv => (Le: Regex.Match(kv.Key, "[{,]le=\"([^\"]*)\"").Groups[1].Value, Count: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Select(b => (Le: b.Le == "+Inf" ? double.PositiveInfinity : double.Parse(b.Le, CultureInfo.InvariantCulture), b.Count))
            .GroupBy(b => b.Le).Select(g => (Le: g.Key, Count: g.Sum(b => b.Count))).OrderBy(b => b.Le).ToList();
        if (buckets.Count == 0 || buckets[^1].Count <= 0) return null;
        var rank = q * buckets[^1].Count;
        double lower = 0, below = 0;
        foreach (var (le, count) in buckets)
        {
            if (count >= rank)
                return double.IsPositiveInfinity(le) ? lower : lower + (le - lower) * (count - below <= 0 ? 1 : (rank - below) / (count - below));
            (lower, below) = (le, count);
        }
        return lower;
    }

    /// <summary>How many values the histogram <paramref name="name"/> recorded between the two reads.</summary>
    public static double Count(Dictionary<string, double> before, Dictionary<string, double> after, string name) =>
        after.Where(kv => kv.Key == name + "_count" || kv.Key.StartsWith(name + "_count{", StringComparison.Ordinal))
            .Sum(kv => kv.Value - before.GetValueOrDefault(kv.Key));
}
