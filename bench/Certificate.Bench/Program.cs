using System.Diagnostics;
using Fund.Core.Certificates;
using Fund.Core.Ledger;
using Fund.Pdf;

// How long drawing one certificate PDF takes (the work of a download; the database part of an issue is two
// single-row statements). Usage: Certificate.Bench [--runs N] [--out DIR]
// Prints the median and the 90th percentile of N draws of each kind after a warm-up, and with --out writes one
// 缴存证明 and one 36-month 明细账 there (docs/screenshots/certificate.png is rendered from the first).
var runs = 50;
string? outDir = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs") runs = int.Parse(args[++i]);
    else if (args[i] == "--out") outDir = args[++i];
}

var issued = new DateTimeOffset(2026, 12, 5, 2, 30, 0, TimeSpan.Zero);
var facts = new CertificateFacts
{
    Kind = CertificateKind.Deposit, CentreName = "信阳市住房公积金管理中心", Name = "张伟", MaskedIdNumber = "4115**********1018",
    Grzh = "411500000001", EmployerName = "信阳市示范科技有限公司", OpenedOn = new DateOnly(2016, 3, 1), StatusName = "正常",
    PurposeName = CertificatePurpose.Loan.DisplayName(), ContributionBase = 6000m, PersonalMonthly = 720m, EmployerMonthly = 720m,
    PaidUpToText = "2026年10月", Balance = 98765.43m,
};
var entries = new List<LedgerEntry>();
var balance = 60000m;
for (var m = 0; m < 36; m++)
{
    var date = new DateOnly(2023, 11, 15).AddMonths(m);
    balance += 1440m;
    entries.Add(new LedgerEntry(date, BusinessType.Remittance, 1440m, balance, $"{date:yyyy年MM月}汇缴"));
    if (date.Month == 6) { balance += 812.5m; entries.Add(new LedgerEntry(date.AddDays(15), BusinessType.YearEndInterest, 812.5m, balance, "年终结息")); }
}
var statementFacts = facts with
{
    Kind = CertificateKind.Statement, Balance = null, PeriodFrom = new DateOnly(2023, 11, 1), PeriodTo = new DateOnly(2026, 10, 31),
    OpeningBalance = 60000m, ClosingBalance = balance, Entries = entries,
};
Certificate Make(CertificateFacts f) => new()
{
    Serial = "ZM2026120512345678", TokenSeed = new byte[16], Grzh = f.Grzh, Purpose = CertificatePurpose.Loan, Facts = f,
    IssuedAt = issued, ValidUntil = issued.AddDays(30),
};
const string url = "https://fund.example.cn/verify/Q2VydGlmaWNhdGVCZW5jaFRva2VuXzAxMjM0NTY3";
var deposit = Make(facts);
var statement = Make(statementFacts);

var warm = Stopwatch.StartNew();
var first = CertificatePdf.Draw(deposit, url); // loads the font and JITs the drawing code
Console.WriteLine($"first draw (font load + JIT): {warm.Elapsed.TotalMilliseconds:0} ms");
for (var i = 0; i < 5; i++) { CertificatePdf.Draw(deposit, url); CertificatePdf.Draw(statement, url); }

foreach (var (name, certificate) in new[] { ("缴存证明", deposit), ("明细账 36 个月", statement) })
{
    var times = new List<double>();
    var size = 0;
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        size = CertificatePdf.Draw(certificate, url).Length;
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{name}: {runs} draws, median {times[runs / 2]:0.0} ms, p90 {times[(int)(runs * 0.9)]:0.0} ms, max {times[^1]:0.0} ms, {size / 1024} KB");
}

if (outDir is not null)
{
    Directory.CreateDirectory(outDir);
    File.WriteAllBytes(Path.Combine(outDir, "certificate-deposit.pdf"), first);
    File.WriteAllBytes(Path.Combine(outDir, "certificate-statement.pdf"), CertificatePdf.Draw(statement, url));
    Console.WriteLine($"written to {outDir}");
}
