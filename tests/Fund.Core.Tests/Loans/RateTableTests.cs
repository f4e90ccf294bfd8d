using Fund.Core.Loans;

namespace Fund.Core.Tests.Loans;

public class RateTableTests
{
    private sealed class FixedRates(params LoanRate[] rates) : ILoanRateStore
    {
        public Task<IReadOnlyList<LoanRate>> GetAllAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<LoanRate>>(rates);
    }

    private static readonly DateOnly May2024 = new(2024, 5, 18);
    private static readonly DateOnly May2025 = new(2025, 5, 8);

    private static RateTable Table() => new(new FixedRates(
        new(May2024, HomeKind.First, RateTermBand.UpToFiveYears, 0.0235m, ""),
        new(May2024, HomeKind.First, RateTermBand.OverFiveYears, 0.0285m, ""),
        new(May2025, HomeKind.First, RateTermBand.UpToFiveYears, 0.0210m, ""),
        new(May2025, HomeKind.First, RateTermBand.OverFiveYears, 0.0260m, ""),
        new(May2025, HomeKind.Second, RateTermBand.OverFiveYears, 0.03075m, "")));

    [Theory]
    [InlineData(60, 0.0210)]
    [InlineData(61, 0.0260)]
    [InlineData(360, 0.0260)]
    [InlineData(1, 0.0210)]
    public async Task FiveYearsOrLessIsTheShortBand(int months, double expected)
    {
        var rate = await Table().RateForAsync(HomeKind.First, months, new DateOnly(2026, 1, 1), default);
        Assert.Equal((decimal)expected, rate!.AnnualRate);
    }

    [Fact]
    public async Task TheDayBeforeATableTakesEffectTheOldOneApplies()
    {
        var table = Table();
        Assert.Equal(0.0285m, (await table.RateForAsync(HomeKind.First, 360, May2025.AddDays(-1), default))!.AnnualRate);
        Assert.Equal(0.0260m, (await table.RateForAsync(HomeKind.First, 360, May2025, default))!.AnnualRate);
    }

    [Fact]
    public async Task BeforeTheFirstTableThereIsNoRate()
    {
        Assert.Null(await Table().RateForAsync(HomeKind.First, 360, new DateOnly(2020, 1, 1), default));
    }

    [Fact]
    public async Task HistoryIsNewestFirstAndGroupedByDate()
    {
        var history = await Table().HistoryAsync(default);
        Assert.Equal([May2025, May2024], history.Select(v => v.EffectiveFrom));
        Assert.Equal(0.03075m, history[0].Find(HomeKind.Second, RateTermBand.OverFiveYears)!.AnnualRate);
        Assert.Null(history[1].Find(HomeKind.Second, RateTermBand.OverFiveYears));
    }
}
