using Fund.Core.Withdrawals;

namespace Fund.Core.Tests.Withdrawals;

/// <summary>Against 附表1–3 of the 2024 decision's annex.</summary>
public class StatutoryRetirementTests
{
    [Theory]
    [InlineData(1964, 12, 60 * 12)]      // before the reform: unchanged
    [InlineData(1965, 1, 60 * 12 + 1)]   // the first birth month delayed: 60岁1个月, retires 2025-02
    [InlineData(1965, 4, 60 * 12 + 1)]
    [InlineData(1965, 5, 60 * 12 + 2)]   // every four months one more
    [InlineData(1976, 8, 60 * 12 + 35)]
    [InlineData(1976, 9, 63 * 12)]       // the cap: 36 months
    [InlineData(1990, 1, 63 * 12)]
    public void MenRetireAtSixtyPlusOneMonthPerFourMonthsOfBirthUpToSixtyThree(int year, int month, int months) =>
        Assert.Equal(months, StatutoryRetirement.AgeInMonths(new DateOnly(year, month, 15), RetirementSchedule.Men60));

    [Theory]
    [InlineData(1969, 12, 55 * 12)]
    [InlineData(1970, 1, 55 * 12 + 1)]
    [InlineData(1970, 5, 55 * 12 + 2)]
    [InlineData(1981, 9, 58 * 12)]
    public void WomenCadresRetireAtFiftyFiveRisingToFiftyEight(int year, int month, int months) =>
        Assert.Equal(months, StatutoryRetirement.AgeInMonths(new DateOnly(year, month, 1), RetirementSchedule.Women55));

    [Theory]
    [InlineData(1974, 12, 50 * 12)]
    [InlineData(1975, 1, 50 * 12 + 1)]
    [InlineData(1975, 2, 50 * 12 + 1)]
    [InlineData(1975, 3, 50 * 12 + 2)]   // every two months one more
    [InlineData(1984, 10, 50 * 12 + 59)]
    [InlineData(1984, 11, 55 * 12)]      // the cap: 60 months
    [InlineData(1995, 6, 55 * 12)]
    public void WomenWorkersRetireAtFiftyPlusOneMonthPerTwoMonthsUpToFiftyFive(int year, int month, int months) =>
        Assert.Equal(months, StatutoryRetirement.AgeInMonths(new DateOnly(year, month, 28), RetirementSchedule.Women50));

    [Fact]
    public void AManBornInJanuary1965ReachesTheAgeInFebruary2025() =>
        Assert.Equal(new DateOnly(2025, 2, 10), StatutoryRetirement.ReachedOn(new DateOnly(1965, 1, 10), RetirementSchedule.Men60));

    [Theory]
    [InlineData(720, "60岁")]
    [InlineData(721, "60岁1个月")]
    public void AgesReadAsYearsAndMonths(int months, string text) => Assert.Equal(text, StatutoryRetirement.AgeText(months));
}
