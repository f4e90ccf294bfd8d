using System.Diagnostics;
using Fund.Core.Ledger;
using Fund.Data;
using Fund.Data.Migrations;
using Fund.Data.Seed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Bench.Shared;

// Bulk seed rate and one-year statement query time. Usage (after scripts/run.sh or test.sh started the servers):
//   dotnet run -c Release --project bench/Fund.Bench -- --accounts 100000 --queries 2000
// Works in its own database (wechatfund_bench) so the demo and test data stay as they are.
var accounts = int.Parse(LoadRun.Arg(args, "--accounts", "100000"));
var queries = int.Parse(LoadRun.Arg(args, "--queries", "2000"));
var concurrency = int.Parse(LoadRun.Arg(args, "--concurrency", "8"));

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(BenchDatabase.Settings());
builder.AddFundData();
using var host = builder.Build();
var services = host.Services;
await services.GetRequiredService<MigrationRunner>().ApplyAsync(default);

var seeded = await services.GetRequiredService<BulkSeeder>().SeedAsync(accounts, default);
Console.WriteLine($"bulk seed: {seeded.Added} accounts added, {seeded.LedgerRows} ledger rows in {seeded.Elapsed.TotalSeconds:0.0} s " +
                  $"= {seeded.Added / Math.Max(seeded.Elapsed.TotalSeconds, 0.001):0} accounts/s ({seeded.Total} in the database)");

var statements = services.GetRequiredService<StatementQuery>();
var random = new Random(42);
var picks = Enumerable.Range(0, queries).Select(_ => BulkSeeder.Grzh(random.Next(0, seeded.Total))).ToArray();
for (var i = 0; i < 50; i++) await statements.GetAsync(picks[i], 2025, default); // warm the pool and the JIT

foreach (var c in new[] { 1, concurrency })
{
    var times = new double[queries];
    var next = -1;
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, c).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < queries)
        {
            var t = Stopwatch.GetTimestamp();
            var s = await statements.GetAsync(picks[i], 2025, default);
            times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (s.Entries.Count != 13 || !s.IsConsistent()) throw new InvalidOperationException($"bad statement for {picks[i]}");
        }
    }));
    Array.Sort(times);
    Console.WriteLine($"statement 2025, concurrency {c}: {queries / wall.Elapsed.TotalSeconds:0} queries/s, " +
                      $"p50 {times[queries / 2]:0.00} ms, p99 {times[(int)(queries * 0.99)]:0.00} ms");
}
