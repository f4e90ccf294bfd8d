namespace Fund.Core.Ledger;

/// <summary>A ledger line the rules say to post: the date it carries, its kind, the signed amount and the memo.</summary>
public sealed record Posting(DateOnly Date, BusinessType Type, decimal Amount, string Memo);

/// <summary>
/// 住房公积金存款利息 as the centre computes it. Deposits of every account, contributing or sealed (封存) or frozen,
/// earn the one-year deposit base rate (1.50% since 2016-02-21) over the 结息年度 of 1 July to 30 June, by 积数: each
/// day's closing balance is summed and the sum times the daily rate (annual ÷ 360, the banks' convention) is the
/// interest, rounded to the fen. It is posted as 年终结息 on 30 June, where it starts earning interest itself; a
/// 销户提取 first posts the interest accrued since the last 1 July up to the day before the withdrawal date
/// (算头不算尾: the day money arrives counts, the day it leaves does not).
/// </summary>
public static class DepositInterest
{
    public const decimal AnnualRate = 0.015m;
    public const int DaysInRateYear = 360;
    public const string ClosingMemo = "销户结息";

    /// <summary>The first day of the 结息年度 that <paramref name="day"/> falls in.</summary>
    public static DateOnly PeriodStart(DateOnly day) => day.Month >= 7 ? new DateOnly(day.Year, 7, 1) : new DateOnly(day.Year - 1, 7, 1);

    /// <summary>
    /// Interest on the days from <paramref name="from"/> up to, not including, <paramref name="until"/>. Entries may
    /// be the account's whole ledger in posting order; those dated before <paramref name="from"/> make the opening
    /// balance, those on a day count from that day.
    /// </summary>
    public static decimal Accrued(IReadOnlyList<LedgerEntry> entries, DateOnly from, DateOnly until, decimal annualRate = AnnualRate)
    {
        if (until <= from) return 0m;
        entries = entries.OrderBy(e => e.Date).ToList(); // stable: same-day lines keep their posting order
        var balance = 0m;
        var i = 0;
        for (; i < entries.Count && entries[i].Date < from; i++) balance += entries[i].Amount;
        var product = 0m; // 积数: Σ closing balance × days
        var day = from;
        while (day < until)
        {
            for (; i < entries.Count && entries[i].Date == day; i++) balance += entries[i].Amount;
            // Jump to the next day anything moves, or the end: the balance is flat in between.
            var next = i < entries.Count && entries[i].Date < until ? entries[i].Date : until;
            product += balance * (next.DayNumber - day.DayNumber);
            day = next;
        }
        return Math.Round(product * annualRate / DaysInRateYear, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The 年终结息 postings missing up to <paramref name="asOf"/>: one on every 30 June before that day from the first
    /// 结息年度 with money in it, except years already carrying a 年终结息 entry. Each counts the one before it.
    /// </summary>
    public static IReadOnlyList<Posting> YearEndsDue(IReadOnlyList<LedgerEntry> entries, DateOnly asOf, decimal annualRate = AnnualRate)
    {
        if (entries.Count == 0) return [];
        var ledger = entries.ToList();
        var due = new List<Posting>();
        for (var start = PeriodStart(entries.Min(e => e.Date)); start.AddYears(1) <= asOf; start = start.AddYears(1))
        {
            var yearEnd = start.AddYears(1).AddDays(-1);
            if (ledger.Any(e => e.Type == BusinessType.YearEndInterest && e.Date == yearEnd)) continue;
            var amount = Accrued(ledger, start, start.AddYears(1), annualRate);
            if (amount <= 0m) continue;
            var posting = new Posting(yearEnd, BusinessType.YearEndInterest, amount, $"{yearEnd.Year}年度结息");
            due.Add(posting);
            // Later years earn on it; keep the list in date order for Accrued.
            var at = ledger.FindIndex(e => e.Date > yearEnd);
            var entry = new LedgerEntry(yearEnd, BusinessType.YearEndInterest, amount, 0m, posting.Memo);
            if (at < 0) ledger.Add(entry); else ledger.Insert(at, entry);
        }
        return due;
    }

    /// <summary>
    /// What a 销户提取 on <paramref name="withdrawalDate"/> posts before the payout: any missing 年终结息, then the
    /// interest of the current 结息年度 to that date.
    /// </summary>
    public static IReadOnlyList<Posting> DueAtClosing(IReadOnlyList<LedgerEntry> entries, DateOnly withdrawalDate, decimal annualRate = AnnualRate)
    {
        var due = YearEndsDue(entries, withdrawalDate, annualRate).ToList();
        var ledger = entries.Concat(due.Select(d => new LedgerEntry(d.Date, d.Type, d.Amount, 0m, d.Memo))).OrderBy(e => e.Date).ToList();
        var accrued = Accrued(ledger, PeriodStart(withdrawalDate), withdrawalDate, annualRate);
        if (accrued > 0m) due.Add(new Posting(withdrawalDate, BusinessType.ClosingInterest, accrued, ClosingMemo));
        return due;
    }
}
