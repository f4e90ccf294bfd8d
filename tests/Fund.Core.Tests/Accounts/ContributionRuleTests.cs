using Fund.Core.Accounts;

namespace Fund.Core.Tests.Accounts;

public class ContributionRuleTests
{
    [Theory]
    [InlineData(6000, 0.12, 720.00)]
    [InlineData(5555.55, 0.12, 666.67)]
    [InlineData(1.25, 0.10, 0.13)] // half a fen rounds up, not to even
    public void MonthlyAmountRoundsHalfUpToTheFen(decimal @base, decimal rate, decimal expected) =>
        Assert.Equal(expected, ContributionRule.MonthlyAmount(@base, rate));

    [Fact]
    public void StatusCodesFollowTheStandard()
    {
        Assert.Equal("02", AccountStatus.Sealed.Code());
        Assert.Equal(AccountStatus.Closed, AccountStatusCodes.FromCode("05"));
        Assert.Equal("冻结", AccountStatusCodes.FromCode("06").DisplayName());
        Assert.Throws<ArgumentOutOfRangeException>(() => AccountStatusCodes.FromCode("03"));
    }
}
