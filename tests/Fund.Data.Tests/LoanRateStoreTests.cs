using Fund.Core.Loans;

namespace Fund.Data.Tests;

/// <summary>The rate tables migration 010 lays down, read back through the store and RateTable.</summary>
[Collection(DataCollection.Name)]
public class LoanRateStoreTests(DataFixture fx)
{
    private RateTable Rates => fx.Get<RateTable>();

    [Theory]
    [InlineData(HomeKind.First, 60, 0.021)]
    [InlineData(HomeKind.First, 360, 0.026)]
    [InlineData(HomeKind.Second, 60, 0.02525)]
    [InlineData(HomeKind.Second, 360, 0.03075)]
    public async Task TheTableSinceMay2025IsInForce(HomeKind home, int months, double expected)
    {
        var rate = await Rates.RateForAsync(home, months, new DateOnly(2026, 1, 1), default);
        Assert.Equal((decimal)expected, rate!.AnnualRate);
        Assert.Equal(new DateOnly(2025, 5, 8), rate.EffectiveFrom);
    }

    [Fact]
    public async Task ALoanTakenInMid2024UsedTheMay2024Table()
    {
        var rate = await Rates.RateForAsync(HomeKind.First, 240, new DateOnly(2024, 12, 31), default);
        Assert.Equal(0.0285m, rate!.AnnualRate);
    }

    [Fact]
    public async Task HistoryHoldsAtLeastThreeCompleteTablesNewestFirst()
    {
        var history = await Rates.HistoryAsync(default);
        Assert.True(history.Count >= 3);
        Assert.Equal(new DateOnly(2025, 5, 8), history[0].EffectiveFrom);
        Assert.Equal(history.Select(v => v.EffectiveFrom).OrderDescending(), history.Select(v => v.EffectiveFrom));
        Assert.All(history, v => Assert.Equal(4, v.Rates.Count));
        var october2022 = Assert.Single(history, v => v.EffectiveFrom == new DateOnly(2022, 10, 1));
        Assert.Equal(0.031m, october2022.Find(HomeKind.First, RateTermBand.OverFiveYears)!.AnnualRate);
        Assert.Equal(0.03575m, october2022.Find(HomeKind.Second, RateTermBand.OverFiveYears)!.AnnualRate);
    }

    [Fact]
    public async Task SecondHomeRatesAreAtLeastOnePointOneTimesTheFirstHomes()
    {
        foreach (var version in await Rates.HistoryAsync(default))
        foreach (var band in Enum.GetValues<RateTermBand>())
        {
            var first = version.Find(HomeKind.First, band)!.AnnualRate;
            Assert.True(version.Find(HomeKind.Second, band)!.AnnualRate >= first * 1.1m, $"{version.EffectiveFrom} {band}");
        }
    }
}
