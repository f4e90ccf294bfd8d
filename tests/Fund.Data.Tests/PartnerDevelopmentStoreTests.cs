using Fund.Core.Developments;

namespace Fund.Data.Tests;

/// <summary>Search over the demo developments migration 011 lays down.</summary>
[Collection(DataCollection.Name)]
public class PartnerDevelopmentStoreTests(DataFixture fx)
{
    private IPartnerDevelopmentStore Store => fx.Get<IPartnerDevelopmentStore>();

    [Fact]
    public async Task NoCriteriaListsEveryDemoDevelopmentMarkedAsDemo()
    {
        var all = await Store.SearchAsync(null, null, default);
        Assert.True(all.Count >= 12);
        Assert.All(all.Where(d => d.IsDemo), d => Assert.EndsWith("（演示）", d.Name));
        Assert.All(all, d => Assert.Contains(d.Status, new[] { "在售", "售罄", "在建" }));
    }

    [Fact]
    public async Task TextMatchesNameDeveloperOrDistrict()
    {
        Assert.Contains(await Store.SearchAsync("浉河湾", null, default), d => d.Name == "浉河湾示范花园（演示）");
        var byDeveloper = await Store.SearchAsync("羊山示范建设", null, default);
        Assert.Equal(2, byDeveloper.Count(d => d.IsDemo));
        var byDistrict = await Store.SearchAsync("潢川", null, default);
        Assert.All(byDistrict, d => Assert.Equal("潢川县", d.District));
        Assert.NotEmpty(byDistrict);
    }

    [Fact]
    public async Task DistrictFilterKeepsOnlyThatDistrictAndCombinesWithText()
    {
        var pingqiao = await Store.SearchAsync(null, "平桥区", default);
        Assert.NotEmpty(pingqiao);
        Assert.All(pingqiao, d => Assert.Equal("平桥区", d.District));
        Assert.Empty(await Store.SearchAsync("南湖", "平桥区", default));
    }

    [Fact]
    public async Task LikeWildcardsInTheQueryAreTakenLiterally()
    {
        Assert.Empty(await Store.SearchAsync("%", null, default));
        Assert.Empty(await Store.SearchAsync("_", null, default));
    }

    [Fact]
    public async Task DistrictsAreDistinctAndIncludeTheCity()
    {
        var districts = await Store.DistrictsAsync(default);
        Assert.Equal(districts.Distinct().Count(), districts.Count);
        Assert.Contains("浉河区", districts);
        Assert.Contains("息县", districts);
    }

    [Fact]
    public async Task ADemoDevelopmentHasItsDetailsAndAnUnknownIdHasNone()
    {
        var demo = (await Store.SearchAsync("浉河湾", null, default)).First(d => d.IsDemo);

        var details = await Store.DetailsAsync(demo.Id, default);

        Assert.NotNull(details);
        Assert.Equal(demo, details.Development);
        Assert.StartsWith("0376-", details.SalesPhone);
        Assert.Contains("元/㎡", details.PriceNote);
        Assert.Contains("银行", details.LoanBanks);
        Assert.Contains(demo.Name, details.Description);
        Assert.Null(await Store.DetailsAsync(int.MaxValue, default));
    }
}
