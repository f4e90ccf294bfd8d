using System.Diagnostics;
using System.Diagnostics.Metrics;
using Fund.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

// The metering work one /wechat push costs, in CPU nanoseconds, with the meters listened to (as with
// Telemetry:Metrics=true: an OpenTelemetry MeterProvider aggregating, collected every 5 s) and without (false: no
// listener). Per push the host makes: ASP.NET Core's http.server.active_requests +1 and −1, a routing match, the
// request-duration histogram with its six tags, and FundMetrics' push counter. ASP.NET Core's instruments are stood in
// for by instruments of the same meter names, kinds, buckets and tag shapes. Divide by the CPU a push costs
// (bench/metrics-cost.sh prints it) for the share.
//   dotnet bench/Meters.Bench/bin/Release/net10.0/Meters.Bench.dll [--pushes 2000000] [--rounds 7] [--threads 2]
var pushes = Arg("--pushes", 2_000_000);
var rounds = Arg("--rounds", 7);
var threads = Arg("--threads", 2);

var hosting = new Meter("Microsoft.AspNetCore.Hosting");
var active = hosting.CreateUpDownCounter<long>("http.server.active_requests", "{request}");
var duration = hosting.CreateHistogram<double>("http.server.request.duration", "s", null, null,
    new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
var routing = new Meter("Microsoft.AspNetCore.Routing");
var matches = routing.CreateCounter<long>("aspnetcore.routing.match_attempts", "{match_attempt}");

var off = new List<double>();
var on = new List<double>();
Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
Run(); // warm-up, not counted
for (var round = 0; round < rounds; round++)
{
    // Alternate which goes first, so a drift in the machine's load falls on both.
    if (round % 2 == 0) { off.Add(Run()); on.Add(RunListened()); } else { on.Add(RunListened()); off.Add(Run()); }
    Console.WriteLine($"round {round + 1}: off {off[^1]:F1} ns/push, on {on[^1]:F1} ns/push");
}
var medianOff = Median(off);
var medianOn = Median(on);
Console.WriteLine($"median CPU per push over {rounds} rounds, {threads} threads × {pushes:N0} pushes: off {medianOff:F1} ns, on {medianOn:F1} ns, the meters' cost {medianOn - medianOff:F1} ns a push");
Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

double RunListened()
{
    using var provider = Sdk.CreateMeterProviderBuilder()
        .AddMeter(FundMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Routing")
        .AddReader(new PeriodicExportingMetricReader(new Discard(), 5000))
        .Build();
    return Run();
}

// CPU time of the process per push (the other threads of this process idle), so the neighbours' load counts little.
double Run()
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
    {
        for (var i = 0; i < pushes; i++) OnePush(i);
    })).ToList();
    workers.ForEach(t => t.Start());
    workers.ForEach(t => t.Join());
    return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / ((double)pushes * threads);
}

void OnePush(int i)
{
    active.Add(1, new KeyValuePair<string, object?>("http.request.method", "POST"), new("url.scheme", "http"));
    matches.Add(1, new KeyValuePair<string, object?>("http.route", "/wechat"), new("aspnetcore.routing.match_status", "success"));
    FundMetrics.PushAnswered("ClickEvent", "reply");
    active.Add(-1, new KeyValuePair<string, object?>("http.request.method", "POST"), new("url.scheme", "http"));
    var tags = new TagList
    {
        { "http.request.method", "POST" }, { "url.scheme", "http" }, { "http.route", "/wechat" },
        { "http.response.status_code", 200 }, { "network.protocol.name", "http" }, { "network.protocol.version", "1.1" },
    };
    duration.Record(0.002 + (i & 7) * 0.001, tags);
}

int Arg(string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

sealed class Discard : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
}
