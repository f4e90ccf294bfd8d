using Fund.Core.Ledger;

namespace Fund.Core.Tests.Ledger;

public class StatementTests
{
    private static LedgerEntry E(int month, BusinessType type, decimal amount, decimal after) =>
        new(new DateOnly(2024, month, 10), type, amount, after, "");

    [Fact]
    public void OpeningBalanceIsTheBalanceBeforeTheFirstEntry()
    {
        var s = Statement.FromEntries(2024, [E(1, BusinessType.Remittance, 1440m, 11440m), E(2, BusinessType.Remittance, 1440m, 12880m)]);
        Assert.Equal(10000m, s.OpeningBalance);
        Assert.Equal(12880m, s.ClosingBalance);
        Assert.True(s.IsConsistent());
    }

    [Fact]
    public void TotalsSeparateMoneyInFromMoneyOut()
    {
        var s = Statement.FromEntries(2024,
        [
            E(1, BusinessType.Remittance, 1440.00m, 1440.00m),
            E(6, BusinessType.YearEndInterest, 21.60m, 1461.60m),
            E(8, BusinessType.PartialWithdrawal, -1000.00m, 461.60m),
        ]);
        Assert.Equal(1461.60m, s.TotalIn);
        Assert.Equal(1000.00m, s.TotalOut);
        Assert.Equal(s.OpeningBalance + s.TotalIn - s.TotalOut, s.ClosingBalance);
    }

    [Fact]
    public void AMissingLineBreaksConsistency()
    {
        var s = Statement.FromEntries(2024, [E(1, BusinessType.Remittance, 1440m, 1440m), E(3, BusinessType.Remittance, 1440m, 4320m)]);
        Assert.False(s.IsConsistent());
    }

    [Fact]
    public void AnEmptyYearHasZeroBalances()
    {
        var s = Statement.FromEntries(2024, []);
        Assert.Equal(0m, s.ClosingBalance);
        Assert.True(s.IsConsistent());
    }

    [Fact]
    public void BusinessTypeCodesRoundTrip()
    {
        foreach (var t in Enum.GetValues<BusinessType>()) Assert.Equal(t, BusinessTypeCodes.FromCode(t.Code()));
        Assert.Equal("12", BusinessType.ClosingWithdrawal.Code());
        Assert.Equal("年终结息", BusinessTypeCodes.FromCode("09").DisplayName());
    }
}
