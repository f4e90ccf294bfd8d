using System.Text.Json.Nodes;
using Wechat.Handlers.Menu;
using static Wechat.Handlers.Tests.Menu.MenuFixtures;

namespace Wechat.Handlers.Tests.Menu;

public sealed class MenuDefinitionTests
{
    [Fact]
    public async Task TheRealMenuParsesIntoThreeSubmenus()
    {
        var menu = await LoadRealMenuAsync();

        Assert.Equal(["我的账户", "在线查询", "便民服务"], menu.Buttons.Select(b => b.Name));
        Assert.Equal(RealHandledKeys.Order(), menu.Leaves().Where(b => b.Type == "click").Select(b => b.Key!).Order());
    }

    [Fact]
    public async Task ThePublishJsonReplacesThePublicBaseUrlAndKeepsChineseNames()
    {
        var menu = await LoadRealMenuAsync();

        var json = menu.ToPublishJson("https://gjj.example.cn/");

        Assert.DoesNotContain("{PublicBaseUrl}", json);
        Assert.Contains("\"name\":\"贷款计算器\"", json);
        Assert.Contains("\"url\":\"https://gjj.example.cn/h5/tools/calculator\"", json);
    }

    [Fact]
    public async Task ThePublishJsonIsTheConfigFileWithOnlyThePlaceholderReplaced()
    {
        var raw = await File.ReadAllTextAsync(RealMenuPath());
        var menu = MenuDefinition.Parse(raw);

        var published = JsonNode.Parse(menu.ToPublishJson("https://gjj.example.cn"));

        var expected = JsonNode.Parse(raw.Replace("{PublicBaseUrl}", "https://gjj.example.cn"));
        Assert.True(JsonNode.DeepEquals(expected, published), published?.ToJsonString());
    }

    [Fact]
    public void ReplacingThePlaceholderLeavesTheOriginalUntouched()
    {
        var menu = MenuOf(Parent("服务", View("账户", "{PublicBaseUrl}/h5/account")));

        var resolved = menu.WithPublicBaseUrl("https://gjj.example.cn");

        Assert.Equal("https://gjj.example.cn/h5/account", resolved.Buttons[0].SubButtons![0].Url);
        Assert.Equal("{PublicBaseUrl}/h5/account", menu.Buttons[0].SubButtons![0].Url);
    }
}
