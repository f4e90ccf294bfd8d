using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Wechat.Handlers.Protocol;

// Load on POST /wechat as WeChat's servers would send it: unique, signed, safe-mode CLICK events for the bound demo
// citizens, then the same concurrency against GET /ping of the same host as the ceiling. Loopback only.
//   dotnet run -c Release --project bench/Wechat.Load -- --url http://127.0.0.1:5080 --requests 4000 --concurrency 16
// Credentials default to src/Wechat.Host/appsettings.Development.json's.
var url = Arg("--url", "http://127.0.0.1:5080").TrimEnd('/');
if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || !System.Net.IPAddress.TryParse(baseUri.Host, out var ip) || !System.Net.IPAddress.IsLoopback(ip))
{
    Console.Error.WriteLine("--url must be a loopback address (127.0.0.1 or [::1])");
    return 2;
}
var requests = int.Parse(Arg("--requests", "4000"));
var concurrency = int.Parse(Arg("--concurrency", "16"));
var token = Arg("--token", "devtoken");
var appId = Arg("--appid", "wxdev0000000000001");
var aesKey = Arg("--aeskey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
var keys = Arg("--keys", "MY_ACCOUNT,BALANCE,LOAN_INFO").Split(',');
var crypt = new WechatMessageCrypt(token, appId, aesKey);

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
// Each run's events carry CreateTimes (Unix seconds, in the past) from a random base, so dedup never answers
// from an earlier run's stored reply.
var createBase = (long)RandomNumberGenerator.GetInt32(1_000_000_000, 1_500_000_000);

var wechat = await RunAsync("POST /wechat (safe-mode CLICK)", async i =>
{
    var openId = $"demo-openid-{i % 5 + 1}";
    var key = keys[i % keys.Length];
    var inner = $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
                $"<CreateTime>{createBase + i}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>" +
                $"<EventKey><![CDATA[{key}]]></EventKey></xml>";
    var encrypt = crypt.Encrypt(inner);
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
    var nonce = RandomNumberGenerator.GetInt32(int.MaxValue).ToString();
    var query = $"/wechat?signature={WechatSignature.Compute(token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}" +
                $"&openid={openId}&encrypt_type=aes&msg_signature={WechatSignature.Compute(token, timestamp, nonce, encrypt)}";
    var body = $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
    using var response = await http.PostAsync(query, new StringContent(body, Encoding.UTF8, "text/xml"));
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode && text.Contains("<Encrypt>", StringComparison.Ordinal);
});
var ping = await RunAsync("GET /ping (ceiling)", async _ =>
{
    using var response = await http.GetAsync("/ping");
    return response.IsSuccessStatusCode;
});
Console.WriteLine($"ratio: /wechat reaches {wechat / ping:P0} of the ceiling's throughput");
return 0;

async Task<double> RunAsync(string name, Func<int, Task<bool>> send)
{
    for (var i = 0; i < Math.Min(50, requests); i++) await send(requests + i); // warm-up: JIT, pools, caches
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
    Console.WriteLine($"{name}: {requests} requests, concurrency {concurrency}, {rate:0} req/s, " +
                      $"p50 {times[requests / 2]:0.00} ms, p99 {times[(int)(requests * 0.99)]:0.00} ms, failures {failures}");
    return rate;
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
