using System.Security.Cryptography;
using System.Text;
using Wechat.Handlers.Protocol;
using static Bench.Shared.LoadRun;

// Load on POST /wechat as WeChat's servers would send it: unique, signed, safe-mode CLICK events for the bound demo
// citizens, then the same concurrency against a ceiling of the same run. Loopback only.
//   dotnet run -c Release --project bench/Wechat.Load -- --url http://127.0.0.1:5080 --requests 4000 --concurrency 16
//   … --ceiling http://127.0.0.1:5090/   (bench/Ceiling's fixed-XML Kestrel; default: the host's own GET /ping)
//   … --write-requests FILE --requests 200000 --keys HOTLINE   (for wrk: one "path<TAB>body" line a request, then exit)
// Credentials default to src/Wechat.Host/appsettings.Development.json's.
var url = Arg(args, "--url", "http://127.0.0.1:5080").TrimEnd('/');
if (!IsLoopback(url))
{
    Console.Error.WriteLine("--url must be a loopback address (127.0.0.1 or [::1])");
    return 2;
}
var requests = int.Parse(Arg(args, "--requests", "4000"));
var concurrency = int.Parse(Arg(args, "--concurrency", "16"));
var token = Arg(args, "--token", "devtoken");
var appId = Arg(args, "--appid", "wxdev0000000000001");
var aesKey = Arg(args, "--aeskey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
var keys = Arg(args, "--keys", "MY_ACCOUNT,BALANCE,LOAN_INFO").Split(',');
var ceilingUrl = Arg(args, "--ceiling", url + "/ping");
var crypt = new WechatMessageCrypt(token, appId, aesKey);
// Each run's events carry CreateTimes (Unix seconds, in the past) from a random base, so dedup never answers
// from an earlier run's stored reply.
var createBase = (long)RandomNumberGenerator.GetInt32(1_000_000_000, 1_500_000_000);

if (Arg(args, "--write-requests", "") is { Length: > 0 } file)
{
    await using var output = new StreamWriter(file, append: false, new UTF8Encoding(false));
    for (var i = 0; i < requests; i++)
    {
        var (path, body) = Push(i);
        await output.WriteAsync(path);
        await output.WriteAsync('\t');
        await output.WriteLineAsync(body);
    }
    Console.WriteLine($"{requests} signed safe-mode CLICKs ({string.Join(",", keys)}) written to {file}");
    return 0;
}

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
var wechat = await RunAsync("POST /wechat (safe-mode CLICK)", requests, concurrency, async i =>
{
    var (path, body) = Push(i);
    using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/xml"));
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode && text.Contains("<Encrypt>", StringComparison.Ordinal);
}, warmUpOffset: requests); // warm-up events take CreateTimes after the measured ones
var ceilingIsPing = ceilingUrl.EndsWith("/ping", StringComparison.Ordinal);
var ceiling = await RunAsync(ceilingIsPing ? "GET /ping (ceiling)" : "POST fixed-XML Kestrel (ceiling)", requests, concurrency, async i =>
{
    using var response = ceilingIsPing
        ? await http.GetAsync(ceilingUrl)
        : await http.PostAsync(ceilingUrl, new StringContent(Push(i).Body, Encoding.UTF8, "text/xml"));
    await response.Content.ReadAsByteArrayAsync();
    return response.IsSuccessStatusCode;
});
Console.WriteLine($"ratio: /wechat reaches {wechat / ceiling:P0} of the ceiling's throughput");
return 0;

(string Path, string Body) Push(int i)
{
    var openId = $"demo-openid-{i % 5 + 1}";
    var key = keys[i % keys.Length];
    var inner = $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
                $"<CreateTime>{createBase + i}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>" +
                $"<EventKey><![CDATA[{key}]]></EventKey></xml>";
    var encrypt = crypt.Encrypt(inner);
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
    var nonce = RandomNumberGenerator.GetInt32(int.MaxValue).ToString();
    var path = $"/wechat?signature={WechatSignature.Compute(token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}" +
               $"&openid={openId}&encrypt_type=aes&msg_signature={WechatSignature.Compute(token, timestamp, nonce, encrypt)}";
    return (path, $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");
}
