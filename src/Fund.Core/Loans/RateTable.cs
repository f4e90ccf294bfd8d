namespace Fund.Core.Loans;

/// <summary>The four rates published together on one date.</summary>
public sealed record RateTableVersion(DateOnly EffectiveFrom, IReadOnlyList<LoanRate> Rates)
{
    public LoanRate? Find(HomeKind home, RateTermBand band) => Rates.FirstOrDefault(r => r.Home == home && r.Band == band);
}

/// <summary>房贷利率: which rate applies to a loan of a given term on a given date, and the tables that came before.</summary>
public sealed class RateTable(ILoanRateStore store)
{
    public const int FiveYears = 60;

    public static RateTermBand BandFor(int months) => months <= FiveYears ? RateTermBand.UpToFiveYears : RateTermBand.OverFiveYears;

    /// <summary>Every table, newest first.</summary>
    public async Task<IReadOnlyList<RateTableVersion>> HistoryAsync(CancellationToken ct) =>
        (await store.GetAllAsync(ct))
            .GroupBy(r => r.EffectiveFrom)
            .OrderByDescending(g => g.Key)
            .Select(g => new RateTableVersion(g.Key, g.OrderBy(r => r.Home).ThenBy(r => r.Band).ToList()))
            .ToList();

    /// <summary>The table in force on a date: the newest one whose effective date is not after it.</summary>
    public async Task<RateTableVersion?> InForceAsync(DateOnly on, CancellationToken ct) =>
        (await HistoryAsync(ct)).FirstOrDefault(v => v.EffectiveFrom <= on);

    public async Task<LoanRate?> RateForAsync(HomeKind home, int months, DateOnly on, CancellationToken ct) =>
        (await InForceAsync(on, ct))?.Find(home, BandFor(months));
}
