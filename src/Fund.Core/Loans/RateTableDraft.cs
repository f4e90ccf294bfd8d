using System.Globalization;
using Fund.Core.Reference;

namespace Fund.Core.Loans;

/// <summary>
/// A new rate table as a supervisor enters it: four rates in percent and the date they take effect. Tables are only
/// ever added, so the rate a past loan was priced at stays on record.
/// </summary>
public sealed record RateTableDraft(DateOnly EffectiveFrom, IReadOnlyList<LoanRate> Rates)
{
    public const decimal MaxPercent = 24m;

    public static (RateTableDraft? Draft, IReadOnlyList<string> Problems) Check(
        string? effectiveFrom, string? firstShort, string? firstLong, string? secondShort, string? secondLong, string? note)
    {
        var problems = new List<string>();
        var hasDate = DateOnly.TryParseExact((effectiveFrom ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        if (!hasDate) problems.Add("请填写生效日期（格式如2025-05-08）");
        var n = FieldChecks.Optional(note, "说明", 200, problems);
        var cells = new (HomeKind Home, RateTermBand Band, string? Text, string Label)[]
        {
            (HomeKind.First, RateTermBand.UpToFiveYears, firstShort, "首套5年以下（含5年）利率"),
            (HomeKind.First, RateTermBand.OverFiveYears, firstLong, "首套5年以上利率"),
            (HomeKind.Second, RateTermBand.UpToFiveYears, secondShort, "二套5年以下（含5年）利率"),
            (HomeKind.Second, RateTermBand.OverFiveYears, secondLong, "二套5年以上利率"),
        };
        var rates = new List<LoanRate>();
        foreach (var (home, band, text, label) in cells)
            if (Percent(text, label, problems) is { } percent) rates.Add(new LoanRate(date, home, band, percent / 100m, n));
        if (rates.Count == 4)
            foreach (var band in Enum.GetValues<RateTermBand>())
                if (Find(rates, HomeKind.Second, band) < Find(rates, HomeKind.First, band) * 1.1m)
                    problems.Add($"二套{(band == RateTermBand.UpToFiveYears ? "5年以下（含5年）" : "5年以上")}利率不得低于首套利率的1.1倍");
        return problems.Count > 0 ? (null, problems) : (new RateTableDraft(date, rates), problems);
    }

    private static decimal Find(List<LoanRate> rates, HomeKind home, RateTermBand band) =>
        rates.First(r => r.Home == home && r.Band == band).AnnualRate;

    private static decimal? Percent(string? text, string label, List<string> problems)
    {
        var t = (text ?? "").Trim().TrimEnd('%');
        if (t.Length == 0) { problems.Add($"请填写{label}"); return null; }
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) || v <= 0 || v > MaxPercent)
        {
            problems.Add($"{label}应大于0且不超过{MaxPercent}%");
            return null;
        }
        // The column holds the fraction to six decimals, i.e. the percent to four.
        if (decimal.Round(v, 4) != v) { problems.Add($"{label}最多保留4位小数"); return null; }
        return v;
    }
}
