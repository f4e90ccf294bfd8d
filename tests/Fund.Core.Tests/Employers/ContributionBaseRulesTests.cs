using Fund.Core.Employers;

namespace Fund.Core.Tests.Employers;

public class ContributionBaseRulesTests
{
    private static readonly ContributionBaseRules Rules = new(2000m, 25000m, AmountRounding.Fen);

    [Theory]
    [InlineData(1999.99, "缴存基数不得低于本市下限2000.00元")]
    [InlineData(25000.01, "缴存基数不得高于本市上限25000.00元")]
    [InlineData(0, "缴存基数应大于0")]
    [InlineData(3000.555, "缴存基数最多保留两位小数")]
    public void ABaseOutsideTheCitysLimitsIsRefusedInChinese(decimal @base, string expected) =>
        Assert.Equal(expected, Rules.BaseProblem(@base));

    [Theory]
    [InlineData(2000)]
    [InlineData(25000)]
    public void TheLimitsThemselvesAreAllowed(decimal @base) => Assert.Null(Rules.BaseProblem(@base));

    [Fact]
    public void AMissingBaseIsAskedFor() => Assert.Equal("请填写缴存基数", Rules.BaseProblem(null));

    [Theory]
    [InlineData(AmountRounding.Fen, 5555.55, 666.67)]
    [InlineData(AmountRounding.Jiao, 5555.55, 666.7)]
    [InlineData(AmountRounding.Yuan, 5555.55, 667)]
    [InlineData(AmountRounding.Yuan, 6004.17, 721)] // 720.5004 rounds up
    [InlineData(AmountRounding.Fen, 1.25, 0.15)]
    public void EachSideIsRoundedAsConfigured(AmountRounding rounding, decimal @base, decimal expectedSide)
    {
        var monthly = (Rules with { Rounding = rounding }).Monthly(@base, 0.12m, 0.12m);
        Assert.Equal(expectedSide, monthly.Personal);
        Assert.Equal(expectedSide * 2, monthly.Total);
    }

    [Fact]
    public void HalfAFenRoundsAwayFromZeroNotToEven() =>
        Assert.Equal(0.13m, Rules.Monthly(1.25m, 0.10m, 0.05m).Personal);

    [Theory]
    [InlineData(0.0499, false)]
    [InlineData(0.05, true)]
    [InlineData(0.12, true)]
    [InlineData(0.1201, false)]
    public void RatesLieBetweenFiveAndTwelvePercent(decimal rate, bool allowed) =>
        Assert.Equal(allowed, ContributionBaseRules.RateProblem(rate) is null);
}
