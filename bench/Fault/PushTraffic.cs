using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Wechat.Handlers.Protocol;

namespace Fault;

/// <summary>
/// Safe-mode text pushes as WeChat sends them: a delivery that gets no answer in 5 s (or a bad one) is sent again, three
/// deliveries at most. Every fifth push also gets a duplicate delivery 1 s after the first, racing it, as WeChat's
/// retries race a slow first delivery; all text answers to one push must be the same.
/// </summary>
/// <remarks>
/// WeChat's 5 s run from the moment it sends. This tool sends over at most <see cref="Connections"/> connections (more
/// and its own TLS handshakes take the 2-core machine's CPU from the servers); a delivery due while all are busy waits
/// for one first, and its 5 s start when it is sent. Letting the 5 s run while it waited made a short stall at the start
/// of a Redis outage self-sustaining in some runs: ~2,000 deliveries queued here, ran out of time before they were sent
/// or on the wire, each cancel closed its connection, and the pool spent the rest of the run on new handshakes while
/// the instances idled. The wait is part of the latency reported, and the report gives it on its own.
/// </remarks>
internal sealed partial class PushTraffic(Cluster cluster, Tally tally)
{
    private const string Kind = "push";
    private static readonly TimeSpan WechatWait = TimeSpan.FromSeconds(5);

    private readonly string _token = cluster.Settings["Wechat__Token"];
    private readonly WechatMessageCrypt _crypt = new(cluster.Settings["Wechat__Token"], cluster.Settings["Wechat__AppId"],
        cluster.Settings["Wechat__EncodingAESKey"]);
    private const int Connections = 128;
    private readonly HttpClient _http = cluster.Client(timeout: Timeout.InfiniteTimeSpan, maxConnections: Connections);
    private readonly SemaphoreSlim _sending = new(Connections, Connections);
    private readonly ConcurrentQueue<double> _waits = new();

    /// <summary>Per MsgId, the answers its deliveries got ("text:…" or "success").</summary>
    public ConcurrentDictionary<string, ConcurrentBag<string>> Answers { get; } = new();

    /// <summary><paramref name="rate"/> new pushes a second (their retries and racing duplicates come on top).</summary>
    public Task RunAsync(double rate, CancellationToken stop) => Pacer.RunAsync(rate, n => PushAsync(n + 1), stop);

    private async Task PushAsync(int n)
    {
        var msgId = RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString() + n.ToString("000000");
        var openId = $"demo-openid-{n % 5 + 1}";
        var answers = Answers.GetOrAdd(msgId, _ => []);
        tally.Count(Kind, "pushed");
        var raced = n % 5 == 0 ? Task.Delay(1000).ContinueWith(_ => DeliverAsync(openId, msgId, answers)).Unwrap() : Task.CompletedTask;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var delivered = await DeliverAsync(openId, msgId, answers);
            if (attempt == 1) tally.Time(Kind, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (delivered) break;
            tally.Count(Kind, "retried");
        }
        await raced;
    }

    /// <summary>One delivery; true when WeChat would take the answer (a 200 in time).</summary>
    private async Task<bool> DeliverAsync(string openId, string msgId, ConcurrentBag<string> answers)
    {
        var inner = $"<xml><ToUserName><![CDATA[gh_fault]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
                    $"<CreateTime>{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>" +
                    $"<Content><![CDATA[余额]]></Content><MsgId>{msgId}</MsgId></xml>";
        var queued = System.Diagnostics.Stopwatch.GetTimestamp();
        await _sending.WaitAsync();
        try
        {
            _waits.Enqueue(System.Diagnostics.Stopwatch.GetElapsedTime(queued).TotalMilliseconds);
            return await SendAsync(inner, openId, answers);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task<bool> SendAsync(string inner, string openId, ConcurrentBag<string> answers)
    {
        var encrypt = _crypt.Encrypt(inner);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var nonce = RandomNumberGenerator.GetInt32(int.MaxValue).ToString();
        var url = $"wechat?signature={WechatSignature.Compute(_token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}" +
                  $"&openid={openId}&encrypt_type=aes&msg_signature={WechatSignature.Compute(_token, timestamp, nonce, encrypt)}";
        var body = $"<xml><ToUserName><![CDATA[gh_fault]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        using var wait = new CancellationTokenSource(WechatWait);
        try
        {
            using var response = await _http.PostAsync(url, new StringContent(body, Encoding.UTF8, "text/xml"), wait.Token);
            var text = await response.Content.ReadAsStringAsync(wait.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                tally.Bad(Kind, $"{(int)response.StatusCode} {Snippet(text)}");
                return false;
            }
            if (text is "" or "success")
            {
                answers.Add("success");
                tally.Count(Kind, "success");
                return true;
            }
            var reply = _crypt.Decrypt(EncryptElement().Match(text).Groups[1].Value);
            answers.Add("text:" + ContentElement().Match(reply).Groups[1].Value);
            tally.Count(Kind, "answered");
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            tally.Count(Kind, "no answer in 5 s");
            return false;
        }
    }

    /// <summary>How long deliveries waited for a free connection of this tool: p99, the longest, how many over 1 s.</summary>
    public string WaitSummary()
    {
        var waits = _waits.ToArray();
        if (waits.Length == 0) return "none";
        Array.Sort(waits);
        return $"p99 {waits[(int)Math.Ceiling(waits.Length * 0.99) - 1]:0.#} ms, longest {waits[^1]:0} ms, {waits.Count(w => w > 1000)} of {waits.Length} over 1 s";
    }

    internal static string Snippet(string text) => text.Length > 80 ? text[..80].ReplaceLineEndings(" ") : text.ReplaceLineEndings(" ");

    [GeneratedRegex("<Encrypt>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</Encrypt>", RegexOptions.Singleline)]
    private static partial Regex EncryptElement();

    [GeneratedRegex("<Content>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</Content>", RegexOptions.Singleline)]
    private static partial Regex ContentElement();
}
