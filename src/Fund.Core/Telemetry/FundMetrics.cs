using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Fund.Core.Ledger;

namespace Fund.Core.Telemetry;

/// <summary>
/// The service's own meters, named once: what the centre's operators ask on the peak day. Every layer records through
/// these one-line calls; the host exports them (Prometheus <c>/metrics</c>) only when metrics are on, and with no
/// listener an instrument's <c>Add</c> returns at once. Labels are small fixed sets — never an OpenID, ID number,
/// phone or account number. docs/operations.md (Metrics and traces) lists each metric with its Prometheus name.
/// </summary>
public static class FundMetrics
{
    public const string MeterName = "WechatFund";

    public const string Pushes = "wechatfund.wechat.pushes";
    public const string DedupRetries = "wechatfund.wechat.dedup.retries";
    public const string DedupFallback = "wechatfund.wechat.dedup.fallback";
    public const string DedupHandedOver = "wechatfund.wechat.dedup.handed_over";
    public const string WechatApiAnswers = "wechatfund.wechat.api.answers";
    public const string OutboxSends = "wechatfund.outbox.sends";
    public const string OutboxBacklog = "wechatfund.outbox.backlog";
    public const string OutboxOldestAge = "wechatfund.outbox.oldest_age";
    public const string SmsSent = "wechatfund.sms.sent";
    public const string SmsRefused = "wechatfund.sms.refused";
    public const string SignInsRefused = "wechatfund.signin.refused";
    public const string Remittances = "wechatfund.remittances";
    public const string LedgerPostings = "wechatfund.ledger.postings";
    public const string RemittanceNoticeLatency = "wechatfund.remittance.notice_latency";

    public static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> pushes = Meter.CreateCounter<long>(Pushes, "{push}",
        "Pushes (messages and events) /wechat answered, by message type and outcome: reply, success, empty, refused_<status>.");
    private static readonly Counter<long> dedupRetries = Meter.CreateCounter<long>(DedupRetries, "{push}",
        "Repeat deliveries of a push already claimed, by store (redis, mariadb) and answer (stored_reply, gave_up).");
    private static readonly Counter<long> dedupFallback = Meter.CreateCounter<long>(DedupFallback, "{push}",
        "Pushes deduplicated in MariaDB (push_claim) because Redis was away.");
    private static readonly Counter<long> dedupHandedOver = Meter.CreateCounter<long>(DedupHandedOver, "{claim}",
        "Recent Redis claims handed over to MariaDB when the Redis connection failed.");
    private static readonly Counter<long> wechatApiAnswers = Meter.CreateCounter<long>(WechatApiAnswers, "{answer}",
        "Answers of WeChat's HTTP APIs, by API and errcode (0 success; http_<status> when no JSON answer came).");
    private static readonly Counter<long> outboxSends = Meter.CreateCounter<long>(OutboxSends, "{message}",
        "Template messages the outbox sender tried, by outcome: sent, failed (retried later), gave_up (the last attempt failed, or WeChat refuses the recipient: 43004/40003), deferred (45009: handed back, no attempt spent), no_template.");
    private static readonly Counter<long> smsSent = Meter.CreateCounter<long>(SmsSent, "{message}",
        "SMS verification codes handed to the gateway, by purpose.");
    private static readonly Counter<long> smsRefused = Meter.CreateCounter<long>(SmsRefused, "{request}",
        "SMS code requests refused by a limit, by reason: client_limited, too_soon, daily_cap_reached.");
    private static readonly Counter<long> signInsRefused = Meter.CreateCounter<long>(SignInsRefused, "{attempt}",
        "Sign-in proofs refused, by step (password, identity, security_answer, confirm, staff, operator) and reason (wrong_proof, client_limited, locked, busy).");
    private static readonly Counter<long> remittances = Meter.CreateCounter<long>(Remittances, "{remittance}",
        "单位汇缴 bookings committed (one per employer and month).");
    private static readonly Counter<long> ledgerPostings = Meter.CreateCounter<long>(LedgerPostings, "{entry}",
        "明细账 lines committed by a 单位汇缴, by business type code (01 汇缴, 02 补缴).");

    /// <summary>
    /// Bucket bounds of <see cref="RemittanceNoticeLatency"/>, in seconds: a notice is accepted within a second when
    /// the outbox keeps up, and up to minutes behind on the peak day, when the alert on the oldest row is at 5 minutes.
    /// </summary>
    public static readonly double[] NoticeLatencyBuckets =
        [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 40, 50, 60, 75, 90, 105, 120, 150, 180, 240, 300, 450, 600, 900, 1800, 3600];

    private static readonly Histogram<double> remittanceNoticeLatency = Meter.CreateHistogram(RemittanceNoticeLatency, "s",
        "Time from a 单位汇缴's commit (its 到账 notice queued in the same transaction, to the second) to WeChat accepting that notice.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = NoticeLatencyBuckets });

    // The last registered source that is still live answers (a test process may run several hosts, one after another).
    private static readonly List<Func<OutboxLevel?>> outboxSources = [];

    static FundMetrics()
    {
        Meter.CreateObservableGauge(OutboxBacklog, () => Observe(l => l.Backlog), "{message}",
            "Template messages queued and neither sent nor given up (read at most every few seconds).");
        Meter.CreateObservableGauge(OutboxOldestAge, () => Observe(l => l.OldestAgeSeconds), "s",
            "Age of the oldest template message due for sending (neither sent nor given up, and not waiting out a retry back-off or a sender's lease); 0 when none is due.");
    }

    /// <summary>
    /// Where the outbox gauges read their level (the host sets it at start and disposes the registration when it
    /// stops; the source caches, a scrape must stay cheap).
    /// </summary>
    public static IDisposable ObserveOutbox(Func<OutboxLevel?> source)
    {
        lock (outboxSources) outboxSources.Add(source);
        return new Registration(() => { lock (outboxSources) outboxSources.Remove(source); });
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }

    public static void PushAnswered(string type, string outcome) =>
        pushes.Add(1, new("type", type), new("outcome", outcome));

    public static void DedupRetry(string store, string answer) =>
        dedupRetries.Add(1, new("store", store), new("answer", answer));

    public static void DedupFallbackUsed() => dedupFallback.Add(1);

    public static void DedupClaimsHandedOver(int count) => dedupHandedOver.Add(count);

    public static void WechatApiAnswered(string api, int errCode) =>
        wechatApiAnswers.Add(1, new("api", api), new("errcode", Code(errCode)));

    public static void WechatApiFailed(string api, int httpStatus) =>
        wechatApiAnswers.Add(1, new("api", api), new("errcode", "http_" + Code(httpStatus)));

    public static void OutboxSent(string outcome) => outboxSends.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>
    /// WeChat accepted a 到账 notice queued at <paramref name="queuedAtUtc"/> (with its remittance, in one transaction):
    /// how long the citizen waited for it.
    /// </summary>
    public static void RemittanceNoticeAccepted(DateTime queuedAtUtc, DateTime acceptedAtUtc)
    {
        if (!remittanceNoticeLatency.Enabled) return;
        remittanceNoticeLatency.Record(Math.Max(0, (acceptedAtUtc - queuedAtUtc).TotalSeconds));
    }

    public static void SmsCodeSent(Enum purpose) => smsSent.Add(1, new KeyValuePair<string, object?>("purpose", Label(purpose)));

    public static void SmsCodeRefused(Enum reason) => smsRefused.Add(1, new KeyValuePair<string, object?>("reason", Label(reason)));

    public static void SignInRefused(Enum step, string reason) =>
        signInsRefused.Add(1, new("step", Label(step)), new("reason", reason));

    public static void SignInRefused(Enum step, Enum reason) => SignInRefused(step, Label(reason));

    /// <summary>A committed 单位汇缴 and its 明细账 lines (01 汇缴, or 02 补缴 for a month remitted late).</summary>
    public static void RemittancePosted(IReadOnlyList<PlannedEntry> entries)
    {
        remittances.Add(1);
        LedgerPosted(entries);
    }

    /// <summary>Committed 明细账 lines, counted by business type.</summary>
    public static void LedgerPosted(IReadOnlyList<PlannedEntry> entries)
    {
        if (!ledgerPostings.Enabled) return;
        foreach (var group in entries.GroupBy(e => e.Posting.Type))
            ledgerPostings.Add(group.Count(), new KeyValuePair<string, object?>("business_type", group.Key.Code()));
    }

    private static readonly ConcurrentDictionary<Enum, string> labels = new();
    private static readonly ConcurrentDictionary<int, string> codes = new();

    /// <summary>An enum value as a label: <c>ClientLimited</c> → <c>client_limited</c>.</summary>
    public static string Label(Enum value) => labels.GetOrAdd(value, static v =>
    {
        var name = v.ToString();
        var snake = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) snake.Append('_');
            snake.Append(char.ToLowerInvariant(name[i]));
        }
        return snake.ToString();
    });

    private static string Code(int code) => codes.GetOrAdd(code, static c => c.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static IEnumerable<Measurement<double>> Observe(Func<OutboxLevel, double> pick)
    {
        Func<OutboxLevel?>? source;
        lock (outboxSources) source = outboxSources.Count > 0 ? outboxSources[^1] : null;
        if (source?.Invoke() is { } level) yield return new Measurement<double>(pick(level));
    }
}

/// <summary>The outbox as the gauges see it: rows waiting, and how long the oldest has waited.</summary>
public readonly record struct OutboxLevel(long Backlog, double OldestAgeSeconds);
