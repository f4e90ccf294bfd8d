using System.Text.RegularExpressions;

namespace Wechat.Host.Tests.Tools;

[Collection(ToolsHostCollection.Name)]
public partial class OutletsAndDevelopmentsPageTests(ToolsHostFactory factory)
{
    [GeneratedRegex("<strong class=\"tools-outlet__name\">([^<]+)</strong>")]
    private static partial Regex OutletName();

    [GeneratedRegex("<p class=\"tools-development__name\">([^<]+?) <span")]
    private static partial Regex DevelopmentName();

    private async Task<string> PageAsync(string url)
    {
        using var client = factory.CreateClient();
        return System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(url));
    }

    private static List<string> Names(Regex regex, string html) =>
        regex.Matches(html).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task OutletsCarryAddressPhoneAndMapLink()
    {
        var html = await PageAsync("/h5/tools/outlets");
        Assert.True(Names(OutletName(), html).Count >= 6);
        Assert.Contains("href=\"tel:037612329\"", html);
        Assert.Contains("https://uri.amap.com/marker?position=114.0668,32.1295", html);
        Assert.Contains("按距离排序", html);
    }

    [Fact]
    public async Task ALocationSortsOutletsNearestFirst()
    {
        // Gushi county town: its own office first, then Huangchuan next door; the city centre is far behind.
        var html = await PageAsync("/h5/tools/outlets?lat=32.17&lon=115.65");
        var names = Names(OutletName(), html);
        Assert.StartsWith("固始县管理部", names[0]);
        Assert.StartsWith("潢川县管理部", names[1]);
        Assert.Contains("已按与您的距离由近到远排列", html);
        Assert.Contains("公里", html);
    }

    [Fact]
    public async Task ANonsenseLocationFallsBackToTheFullList()
    {
        var html = await PageAsync("/h5/tools/outlets?lat=999&lon=abc");
        Assert.Contains("位置参数无效", html);
        Assert.True(Names(OutletName(), html).Count >= 6);
    }

    [Fact]
    public async Task DevelopmentsSearchFiltersByTextAndDistrict()
    {
        var all = Names(DevelopmentName(), await PageAsync("/h5/tools/developments"));
        Assert.True(all.Count >= 12);

        var byName = Names(DevelopmentName(), await PageAsync("/h5/tools/developments?q=" + Uri.EscapeDataString("南湖")));
        Assert.Equal(["南湖示范公馆（演示）"], byName);

        var inDistrict = await PageAsync("/h5/tools/developments?district=" + Uri.EscapeDataString("平桥区"));
        var pingqiao = Names(DevelopmentName(), inDistrict);
        Assert.NotEmpty(pingqiao);
        Assert.True(pingqiao.Count < all.Count);
        Assert.Contains("<option value=\"平桥区\" selected=\"selected\">", inDistrict);

        Assert.Contains("没有找到符合条件的楼盘", await PageAsync("/h5/tools/developments?q=" + Uri.EscapeDataString("不存在的楼盘")));
    }
}
