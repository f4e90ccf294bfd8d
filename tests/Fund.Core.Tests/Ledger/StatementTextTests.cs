using System.Text;
using Fund.Core.Ledger;

namespace Fund.Core.Tests.Ledger;

public sealed class StatementTextTests
{
    [Theory]
    [InlineData("0", "0.00")]
    [InlineData("-0.00", "0.00")]
    [InlineData("1234.5", "+1,234.50")]
    [InlineData("-224105", "-224,105.00")]
    public void SignedAmountsNeverReadMinusZero(string amount, string expected) =>
        Assert.Equal(expected, StatementText.Signed(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void TheCsvHasABomTheAccountTotalsAndOneRowPerEntry()
    {
        var s = Statement.FromEntries(2025,
        [
            new(new DateOnly(2025, 1, 15), BusinessType.Remittance, 1200m, 11200m, "2025年01月汇缴"),
            new(new DateOnly(2025, 6, 30), BusinessType.YearEndInterest, 150.25m, 11350.25m, "年度结息"),
        ]);

        var bytes = StatementText.Csv(s, "张伟", "411500000001", new DateOnly(2026, 12, 2));

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("姓名,张伟,个人账号,411500000001,年度,2025", lines[1]);
        Assert.Equal("年初余额,10000.00,本年收入,1350.25,本年支出,0.00,期末余额,11350.25", lines[2]);
        Assert.Equal("日期,业务类型,摘要,发生额,余额", lines[4]);
        Assert.Equal(2, lines.Length - 5);
        Assert.StartsWith("2025-06-30,", lines[^1]);
        Assert.EndsWith(",150.25,11350.25", lines[^1]);
    }

    [Fact]
    public void TextThatASpreadsheetWouldRunIsDefusedAndCommasAreQuoted()
    {
        var s = Statement.FromEntries(2025, [new(new DateOnly(2025, 3, 1), BusinessType.Remittance, -5m, 95m, "=HYPERLINK(\"x\",\"y\")")]);

        var text = Encoding.UTF8.GetString(StatementText.Csv(s, "王,五", "411500000009", new DateOnly(2026, 1, 1))[3..]);

        Assert.Contains("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", text);
        Assert.Contains(",\"王,五\",", text);
        Assert.Contains(",-5.00,95.00", text);
    }

    /// <summary>Issue 19 item 24: two 部分提取 lines of a year say what each was for.</summary>
    [Fact]
    public void AWithdrawalLineNamesItsPurposeAndOtherLinesStayTheirType()
    {
        LedgerEntry Entry(BusinessType type, string memo) => new(new DateOnly(2025, 3, 1), type, -100m, 0m, memo);
        Assert.Equal("部分提取（租房提取）", StatementText.Title(Entry(BusinessType.PartialWithdrawal, "租房提取")));
        Assert.Equal("部分提取（偿还住房贷款提取）", StatementText.Title(Entry(BusinessType.PartialWithdrawal, "偿还住房贷款提取")));
        Assert.Equal("销户提取（终止劳动关系）", StatementText.Title(Entry(BusinessType.ClosingWithdrawal, "销户提取（终止劳动关系）")));
        Assert.Equal("部分提取", StatementText.Title(Entry(BusinessType.PartialWithdrawal, "")));
        Assert.Equal("汇缴", StatementText.Title(Entry(BusinessType.Remittance, "2025年3月汇缴")));
    }
}
