using Wechat.Host.Navigation;

namespace Wechat.Host.App;

/// <summary>One of the APP's bottom tabs: its title, where it leads and its icon (an SVG path, 24×24, stroked).</summary>
public sealed record AppTab(string Title, string Href, string Icon);

/// <summary>
/// The APP's bottom tabs, as the guide's 移动APP has them: 首页 (the hall's home), 便民工具 (the public tools) and 我的
/// (the citizen's own services). Every other hall page belongs to the tab it was reached from in the guide: the tools'
/// pages to 便民工具, the personal pages to 我的.
/// </summary>
public static class AppTabs
{
    public const string Prefix = "/hall";

    public static readonly AppTab Home = new("首页", Prefix, "M3 11 12 3l9 8M5 9.5V21h5v-6h4v6h5V9.5");
    public static readonly AppTab Tools = new("便民工具", Prefix + "/tools", "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z");
    public static readonly AppTab Mine = new("我的", Prefix + "/mine", "M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM3.5 21a8.5 8.5 0 0 1 17 0");

    public static readonly IReadOnlyList<AppTab> All = [Home, Tools, Mine];

    /// <summary>The tab a hall page belongs to; null outside the hall.</summary>
    public static AppTab? Current(PathString path)
    {
        if (!path.StartsWithSegments(Prefix, out var rest)) return null;
        var p = rest.Value?.TrimEnd('/') ?? "";
        if (p.Length == 0) return Home;
        return p.StartsWith("/tools", StringComparison.OrdinalIgnoreCase) ? Tools : Mine;
    }

    /// <summary>
    /// What 我的 lists: the guide's APP services (查询服务 and 业务办理) in its words, each on the shared page that does
    /// it, written as H5 paths (the hall rewrites them to its own).
    /// </summary>
    public static readonly IReadOnlyList<(string Group, IReadOnlyList<NavLink> Links)> MineGroups =
    [
        ("查询服务", [
            new("个人账户情况", PageNavigation.Account.Href),
            new("个人明细账", PageNavigation.Statement.Href),
            new("历史提取明细", PageNavigation.Withdrawals.Href),
            new("贷款信息", PageNavigation.Loans.Href),
            new("贷款进度", PageNavigation.LoanProgress.Href),
        ]),
        ("业务办理", [
            new("手机变更", PageNavigation.Phone.Href),
            new("提取业务", PageNavigation.Withdraw.Href),
            new("修改密码", PageNavigation.Password.Href),
        ]),
    ];
}
