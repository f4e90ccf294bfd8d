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
}
