using System.Diagnostics;
using Bench.Shared;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Validation;
using Fund.Data;
using Fund.Data.Employers;
using Fund.Data.Migrations;
using Fund.Data.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A 10,000-row 开户清册: validate, store as a draft, submit (re-validated and posted in one transaction), then the
// first 单位汇缴 for all 10,000. Usage (servers started by scripts/run.sh or test.sh; FUND_DB_PORT honoured):
//   dotnet run -c Release --project bench/Unit.Bench -- --rows 10000
var rowCount = int.Parse(LoadRun.Arg(args, "--rows", "10000"));
var settings = BenchDatabase.Settings();
if (Environment.GetEnvironmentVariable("FUND_DB_PORT") is { Length: > 0 } port)
    settings["ConnectionStrings:Fund"] = settings["ConnectionStrings:Fund"]!.Replace("Port=13306", "Port=" + port, StringComparison.Ordinal);
var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(settings);
builder.AddFundData();
using var host = builder.Build();
var services = host.Services;
await services.GetRequiredService<MigrationRunner>().ApplyAsync(default);

var rules = new ContributionBaseRules(2000m, 25000m, AmountRounding.Fen);
var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
var dwzh = "41150888" + Random.Shared.Next(0, 10_000).ToString("0000");
await services.GetRequiredService<MySqlAccountStore>().UpsertEmployerAsync(
    new Employer(dwzh, "基准测试单位" + dwzh[^4..], "91411500MA4BENCH01", AccountStatus.Normal, 0.12m, 0.12m), default);
await using (var conn = await services.GetRequiredService<FundDatabase>().OpenAsync(default))
    await conn.ExecuteAsync("UPDATE employer SET paid_up_to = @p WHERE dwzh = @dwzh",
        new { dwzh, p = new DateOnly(today.Year, today.Month, 1).AddMonths(-1).ToDateTime(TimeOnly.MinValue) });
var operatorId = await services.GetRequiredService<EmployerOperatorStore>().UpsertAsync(dwzh, "基准专管员", IdFor(Random.Shared.Next(0, 10_000), 999_999), "x", "bench", default);
var who = new Transactor(operatorId, "BENCH");

var run = Random.Shared.Next(0, 10_000);
var rows = Enumerable.Range(0, rowCount).Select(i => new RosterRow(i + 2, "职工" + string.Concat(i.ToString().Select(d => "〇一二三四五六七八九"[d - '0'])), IdFor(run, i),
    "139" + Random.Shared.Next(0, 99_999_999).ToString("00000000"), Base: (3000 + i % 9000).ToString())).ToList();
var queries = services.GetRequiredService<EmployerHallQueries>();
var check = new RosterCheck(rules);

var clock = Stopwatch.StartNew();
var known = await queries.KnownAsync(RosterKind.Open, rows, default);
var verdicts = check.Check(RosterKind.Open, dwzh, rows, known, today);
var validate = clock.Elapsed;
if (verdicts.Any(v => !v.Passes)) throw new InvalidOperationException("bench rows should pass: " + string.Join("; ", verdicts.First(v => !v.Passes).Problems));

clock.Restart();
var rosters = services.GetRequiredService<RosterStore>();
var id = await rosters.CreateDraftAsync(dwzh, RosterKind.Open, operatorId, rows, default);
var draft = clock.Elapsed;

clock.Restart();
var (outcome, _) = await rosters.SubmitAsync(id, dwzh, who, check, rules, today, default);
var submit = clock.Elapsed;
if (outcome != SubmitRosterOutcome.Posted) throw new InvalidOperationException("submit: " + outcome);

clock.Restart();
var plan = RemittancePlan.For(dwzh, new DateOnly(today.Year, today.Month, 1), today, await queries.ContributionsAsync(dwzh, default));
var (remitted, _) = await services.GetRequiredService<RemittancePosting>().PostAsync(dwzh, plan.Month, today, plan.Headcount, plan.Total, who, default);
var remit = clock.Elapsed;
if (remitted != RemittanceOutcome.Posted || plan.Headcount != rowCount) throw new InvalidOperationException("remit: " + remitted);

Console.WriteLine($"开户清册 {rowCount} rows (employer {dwzh}):");
Console.WriteLine($"  validate (look-ups + rules)          {validate.TotalMilliseconds,8:0} ms");
Console.WriteLine($"  store draft (encrypted rows)         {draft.TotalMilliseconds,8:0} ms");
Console.WriteLine($"  submit (re-validate + open accounts) {submit.TotalMilliseconds,8:0} ms");
Console.WriteLine($"  validate + draft + submit            {(validate + draft + submit).TotalSeconds,8:0.00} s");
Console.WriteLine($"单位汇缴 {plan.Headcount} employees, {plan.Total:N2}: {remit.TotalMilliseconds:0} ms (plan + post + notifications)");

// Unique within a run (the index), and apart from other runs (the run number as the area code).
static string IdFor(int run, int i)
{
    var first17 = $"41{run:0000}{new DateOnly(1980, 1, 1).AddDays(i / 1000):yyyyMMdd}{i % 1000:000}";
    return first17 + IdNumber.CheckCharacter(first17);
}
