namespace Wechat.Host.Navigation;

/// <summary>A link in the page header or among a page's related links.</summary>
public sealed record NavLink(string Title, string Href);

/// <summary>
/// Where the H5 header's back button leads when there is no history to go back to (a page opened from the menu or a
/// chat link), and the few links that make sense after a page, instead of the same list of every page on every page.
/// </summary>
public static class PageNavigation
{
    public static readonly NavLink Account = new("账户信息", "/h5/account");
    public static readonly NavLink Statement = new("明细账", "/h5/statement");
    public static readonly NavLink Loans = new("贷款信息", "/h5/loans");
    public static readonly NavLink LoanProgress = new("贷款进度", "/h5/loans/progress");
    public static readonly NavLink Withdraw = new("提取业务", "/h5/withdraw");
    public static readonly NavLink Withdrawals = new("提取记录", "/h5/withdrawals");
    public static readonly NavLink Certificate = new("缴存证明", "/h5/certificate");
    public static readonly NavLink Phone = new("手机变更", "/h5/settings/phone");
    public static readonly NavLink Password = new("修改密码", "/h5/settings/password");
    public static readonly NavLink Unbind = new("解除绑定", "/h5/unbind");
    public static readonly NavLink Tools = new("便民服务", "/h5/tools");
    public static readonly NavLink Guides = new("办事指南", "/h5/tools/guides");
    public static readonly NavLink Calculator = new("贷款计算器", "/h5/tools/calculator");
    public static readonly NavLink Developments = new("合作楼盘", "/h5/tools/developments");
    public static readonly NavLink Hotline = new("服务热线", "/h5/tools/hotline");

    /// <summary>
    /// The page one level up from <paramref name="path"/>; null for the top pages (account, tools, login), whose back
    /// button only goes back in the browser's history.
    /// </summary>
    public static string? BackFor(string path)
    {
        var p = path.TrimEnd('/').ToLowerInvariant();
        return p switch
        {
            "/h5/tools" or "/h5/account" or "/h5/login" => null,
            "/h5/register" or "/h5/reset-password" => "/h5/login",
            "/h5/register/done" => null,
            "/h5/loans/progress" => Loans.Href,
            _ when p.StartsWith("/h5/tools/guides/", StringComparison.Ordinal) => Guides.Href,
            _ when p.StartsWith("/h5/tools/developments/", StringComparison.Ordinal) => Developments.Href,
            _ when p.StartsWith("/h5/tools/", StringComparison.Ordinal) => Tools.Href,
            _ when p.StartsWith("/h5/withdraw/", StringComparison.Ordinal) => Withdraw.Href,
            _ when p.StartsWith("/h5/", StringComparison.Ordinal) => Account.Href,
            _ => Tools.Href,
        };
    }

    /// <summary>What a citizen on <paramref name="path"/> most likely wants next; never the page itself.</summary>
    public static IReadOnlyList<NavLink> RelatedTo(string path)
    {
        var p = path.TrimEnd('/').ToLowerInvariant();
        NavLink[] links = p switch
        {
            "/h5/account" => [Statement, Withdraw, Loans, Withdrawals, Phone, Password, Unbind],
            "/h5/statement" => [Account, Certificate, Withdrawals, Withdraw],
            "/h5/certificate" => [Account, Statement, Withdrawals],
            "/h5/loans" => [LoanProgress, Calculator, Account],
            "/h5/loans/progress" => [Loans, Guides, Hotline],
            "/h5/withdrawals" => [Withdraw, Statement, Account],
            "/h5/withdraw" => [Withdrawals, Guides, Account],
            "/h5/withdraw/apply" => [Guides, Hotline],
            "/h5/settings/phone" => [Account, Password],
            "/h5/settings/password" => [Account, Phone],
            _ when p.StartsWith("/h5/withdraw/status/", StringComparison.Ordinal) => [Withdrawals, Statement, Account],
            _ => [Account, Tools],
        };
        return links.Where(l => !string.Equals(l.Href, p, StringComparison.Ordinal)).ToList();
    }
}
