using Wechat.Handlers.Menu;

namespace Wechat.Handlers.Tests.Menu;

internal static class MenuFixtures
{
    /// <summary>The click keys the message pipeline handles for the real menu.</summary>
    public static readonly IReadOnlySet<string> RealHandledKeys = new HashSet<string>
    {
        "MY_ACCOUNT", "BALANCE", "UNBIND", "LOAN_INFO", "LOAN_PROGRESS", "OUTLETS", "HOTLINE",
    };

    /// <summary>The repository's menu-config.json, found by walking up from the test binaries to the solution.</summary>
    public static string RealMenuPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WechatFund.sln")))
                return Path.Combine(dir.FullName, "menu-config.json");
        }
        throw new FileNotFoundException("WechatFund.sln not found above " + AppContext.BaseDirectory);
    }

    public static Task<MenuDefinition> LoadRealMenuAsync() => MenuDefinition.LoadAsync(RealMenuPath());

    public static MenuButton Click(string name, string key) => new() { Type = "click", Name = name, Key = key };

    public static MenuButton View(string name, string url) => new() { Type = "view", Name = name, Url = url };

    public static MenuButton Parent(string name, params MenuButton[] subs) => new() { Name = name, SubButtons = subs };

    public static MenuDefinition MenuOf(params MenuButton[] buttons) => new() { Buttons = buttons };
}
