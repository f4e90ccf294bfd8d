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
internal sealed partial class PushTraffic(Cluster cluster, Tally tally)
{
    private const string Kind = "push";
    private static readonly TimeSpan WechatWait = TimeSpan.FromSeconds(5);

    private readonly string _token = cluster.Settings["Wechat__Token"];
    private readonly WechatMessageCrypt _crypt = new(cluster.Settings["Wechat__Token"], cluster.Settings["Wechat__AppId"],
        cluster.Settings["Wechat__EncodingAESKey"]);
    private readonly HttpClient _http = cluster.Client(timeout: Timeout.InfiniteTimeSpan, maxConnections: 128);

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

    internal static string Snippet(string text) => text.Length > 80 ? text[..80].ReplaceLineEndings(" ") : text.ReplaceLineEndings(" ");

    [GeneratedRegex("<Encrypt>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</Encrypt>", RegexOptions.Singleline)]
    private static partial Regex EncryptElement();

    [GeneratedRegex("<Content>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</Content>", RegexOptions.Singleline)]
    private static partial Regex ContentElement();
}
