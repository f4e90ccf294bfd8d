using System.Net;
using Fund.Core.Binding;
using Fund.Data;
using Fund.Data.Seed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Bench.Shared;
using static Bench.Shared.LoadRun;

// The statement page for bound sessions at 100,000 accounts, against a static file of the same host as the ceiling.
// Needs the bench database filled by Fund.Bench and a Development host on it (see bench/README.md):
//   dotnet run -c Release --project bench/H5.Load -- --url http://127.0.0.1:5081 --sessions 200 --requests 3000 --concurrency 8
//   … --write-sessions FILE   (for wrk, bench/h5-wrk.sh: one "path<TAB>cookie" line a session, then exit)
var url = Arg(args, "--url", "http://127.0.0.1:5081").TrimEnd('/');
if (!IsLoopback(url))
{
    Console.Error.WriteLine("--url must be a loopback address");
    return 2;
}
var baseUri = new Uri(url);
var sessions = int.Parse(Arg(args, "--sessions", "200"));
var requests = int.Parse(Arg(args, "--requests", "3000"));
var concurrency = int.Parse(Arg(args, "--concurrency", "8"));

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(BenchDatabase.Settings());
builder.AddFundData();
using var host = builder.Build();
var bulk = host.Services.GetRequiredService<BulkSeeder>();
var accounts = await bulk.CountAsync(default);
if (accounts == 0)
{
    Console.Error.WriteLine("the bench database has no bulk accounts: run bench/Fund.Bench first");
    return 2;
}
var bindings = host.Services.GetRequiredService<IBindingStore>();
var random = new Random(7);
var cookies = new string[sessions];
await Parallel.ForAsync(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
{
    // Sessions come the way citizens get them: the Development OAuth flow, for OpenIDs bound to spread-out accounts.
    var openId = $"bench-openid-{i}";
    int pick;
    lock (random) pick = random.Next(0, accounts);
    await bindings.BindAsync(openId, BulkSeeder.Grzh(pick), ct);
    var jar = new CookieContainer();
    jar.Add(baseUri, new Cookie("dev_openid", openId));
    using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = true }) { BaseAddress = baseUri };
    var page = await client.GetAsync("/h5/statement?year=2025", ct);
    var sid = jar.GetCookies(baseUri)["h5_sid"]?.Value;
    if (!page.IsSuccessStatusCode || sid is null) throw new InvalidOperationException($"no session for {openId}: {page.StatusCode}");
    cookies[i] = "h5_sid=" + sid;
});
Console.WriteLine($"{sessions} sessions bound to random accounts among {accounts}");
if (Arg(args, "--write-sessions", "") is { Length: > 0 } file)
{
    await File.WriteAllLinesAsync(file, cookies.Select(c => "/h5/statement?year=2025\t" + c));
    return 0;
}

using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseUri };
var statement = await RunAsync("GET /h5/statement?year=2025 (bound session)", requests, concurrency, async i =>
{
    using var request = new HttpRequestMessage(HttpMethod.Get, "/h5/statement?year=2025");
    request.Headers.Add("Cookie", cookies[i % sessions]);
    using var response = await http.SendAsync(request);
    var html = await response.Content.ReadAsStringAsync();
    return response.StatusCode == HttpStatusCode.OK && html.Contains("2025-06-30", StringComparison.Ordinal);
}, unit: "pages/s");
var ceiling = await RunAsync("GET /css/site.css (static ceiling)", requests, concurrency, async _ =>
{
    using var response = await http.GetAsync("/css/site.css");
    await response.Content.ReadAsByteArrayAsync();
    return response.IsSuccessStatusCode;
}, unit: "pages/s");
Console.WriteLine($"ratio: the statement page reaches {statement / ceiling:P0} of the static page's throughput");
return 0;
