using Fund.Core.Developments;
using Fund.Core.Loans;
using Fund.Core.Outlets;

namespace Fund.Core.Tests.Reference;

public class ReferenceDraftTests
{
    [Fact]
    public void AnOutletIsTrimmedAndItsCoordinatesRoundedToTheColumnsSixDecimals()
    {
        var (draft, problems) = OutletDraft.Check(" 新县服务部 ", "新县某路1号", "周一至周五", "0376-12329", "31.6412345", "114.87");
        Assert.Empty(problems);
        Assert.Equal(("新县服务部", 31.641235, 114.87), (draft!.Name, draft.Latitude, draft.Longitude));
    }

    [Theory]
    [InlineData("114.07", "32.13", "纬度应为")] // swapped
    [InlineData("32.13", "", "请填写经度")]
    [InlineData("NaN", "114", "纬度应为")]
    public void CoordinatesOutsideChinaOrMissingAreRefused(string lat, string lon, string message)
    {
        var (draft, problems) = OutletDraft.Check("网点", "地址", "时间", "12329", lat, lon);
        Assert.Null(draft);
        Assert.Contains(problems, p => p.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void ADevelopmentNeedsEveryFieldAndAKnownStatus()
    {
        var (draft, problems) = DevelopmentDraft.Check("楼盘", null, "浉河区", new string('路', 201), "待售");
        Assert.Null(draft);
        Assert.Equal(["请填写开发企业", "地址不超过200字", "请选择销售状态（在售、售罄或在建）"], problems);
    }

    [Fact]
    public void ARateTableIsReadInPercentAndStoredAsFractions()
    {
        var (draft, problems) = RateTableDraft.Check("2025-05-08", "2.1", "2.60%", "2.525", "3.075", "下调");
        Assert.Empty(problems);
        Assert.Equal(new DateOnly(2025, 5, 8), draft!.EffectiveFrom);
        Assert.Equal([0.021m, 0.026m, 0.02525m, 0.03075m], draft.Rates.Select(r => r.AnnualRate));
    }

    [Theory]
    [InlineData("0", "应大于0且不超过24%")]
    [InlineData("24.01", "应大于0且不超过24%")]
    [InlineData("2.12345", "最多保留4位小数")]
    public void RatesOutOfRangeOrTooPreciseAreRefused(string firstShort, string message)
    {
        var (_, problems) = RateTableDraft.Check("2030-01-01", firstShort, "2.6", "2.525", "3.075", "");
        Assert.Contains(problems, p => p.EndsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void ASecondHomeRateBelowOnePointOneTimesTheFirstIsRefused()
    {
        var (_, problems) = RateTableDraft.Check("2030-01-01", "2.1", "2.6", "2.3", "3.075", "");
        Assert.Equal(["二套5年以下（含5年）利率不得低于首套利率的1.1倍"], problems);
    }
}
