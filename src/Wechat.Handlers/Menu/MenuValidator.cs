using System.Text;

namespace Wechat.Handlers.Menu;

/// <summary>
/// Checks the menu against WeChat's menu/create limits and against the click handlers we have, at start-up and
/// before publishing, so a broken menu fails here and not in a citizen's hand.
/// </summary>
/// <remarks>Limits as documented for menu/create: name 16 bytes (top) / 60 bytes (sub), key 128, url 1024.</remarks>
public static class MenuValidator
{
    public const int MaxTopButtons = 3;
    public const int MaxSubButtons = 5;
    public const int MaxTopNameBytes = 16;
    public const int MaxSubNameBytes = 60;
    public const int MaxKeyBytes = 128;
    public const int MaxUrlBytes = 1024;

    /// <summary>Types that push an event carrying the button's key to our /wechat endpoint.</summary>
    private static readonly HashSet<string> EventTypes =
    [
        "click", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album", "pic_weixin",
        "location_select",
    ];

    private static readonly HashSet<string> OtherTypes =
        ["view", "miniprogram", "media_id", "view_limited", "article_id", "article_view_limited"];

    /// <summary>A stand-in for the real base URL when only the shape of the menu is being checked.</summary>
    private const string StandInPublicBaseUrl = "https://wechat.example.invalid";

    public static IReadOnlyList<string> Validate(MenuDefinition menu, IReadOnlySet<string> handledClickKeys) =>
        Validate(menu, handledClickKeys, StandInPublicBaseUrl);

    /// <param name="handledClickKeys">The keys the click router has a handler for.</param>
    /// <returns>One line per problem, empty when the menu can be published.</returns>
    public static IReadOnlyList<string> Validate(
        MenuDefinition menu, IReadOnlySet<string> handledClickKeys, string publicBaseUrl)
    {
        var problems = new List<string>();
        var resolved = menu.WithPublicBaseUrl(publicBaseUrl);

        if (resolved.Buttons.Count is < 1 or > MaxTopButtons)
            problems.Add($"一级菜单应为 1–{MaxTopButtons} 个，现有 {resolved.Buttons.Count} 个 (top-level buttons must be 1–{MaxTopButtons}).");

        foreach (var top in resolved.Buttons)
        {
            CheckName(top, MaxTopNameBytes, "一级菜单", problems);
            if (top.SubButtons is null)
            {
                CheckAction(top, problems);
                continue;
            }

            if (top.SubButtons.Count is < 1 or > MaxSubButtons)
                problems.Add($"“{top.Name}”的二级菜单应为 1–{MaxSubButtons} 个，现有 {top.SubButtons.Count} 个 (sub buttons must be 1–{MaxSubButtons}).");
            foreach (var sub in top.SubButtons)
            {
                CheckName(sub, MaxSubNameBytes, "二级菜单", problems);
                if (sub.SubButtons is not null)
                    problems.Add($"“{sub.Name}”：菜单最多两级 (a sub button cannot have sub buttons).");
                CheckAction(sub, problems);
            }
        }

        CheckKeys(resolved, handledClickKeys, problems);
        return problems;
    }

    private static void CheckName(MenuButton button, int maxBytes, string level, List<string> problems)
    {
        var bytes = Encoding.UTF8.GetByteCount(button.Name);
        if (bytes == 0)
            problems.Add($"{level}缺少名称 (a button has no name).");
        else if (bytes > maxBytes)
            problems.Add($"{level}“{button.Name}”名称 {bytes} 字节，超过 {maxBytes} 字节 (name longer than {maxBytes} UTF-8 bytes).");
    }

    private static void CheckAction(MenuButton button, List<string> problems)
    {
        var type = button.Type ?? "";
        if (EventTypes.Contains(type))
        {
            if (string.IsNullOrEmpty(button.Key))
                problems.Add($"“{button.Name}”是 {type} 类型但没有 key (a {type} button needs a key).");
            else if (Encoding.UTF8.GetByteCount(button.Key) > MaxKeyBytes)
                problems.Add($"“{button.Name}”的 key 超过 {MaxKeyBytes} 字节 (key longer than {MaxKeyBytes} bytes).");
            return;
        }

        switch (type)
        {
            case "view":
                CheckUrl(button, problems);
                break;
            case "miniprogram":
                CheckUrl(button, problems);
                if (string.IsNullOrEmpty(button.AppId) || string.IsNullOrEmpty(button.PagePath))
                    problems.Add($"“{button.Name}”是小程序菜单但缺少 appid 或 pagepath (miniprogram needs appid and pagepath).");
                break;
            case "media_id" or "view_limited":
                if (string.IsNullOrEmpty(button.MediaId))
                    problems.Add($"“{button.Name}”缺少 media_id ({type} needs media_id).");
                break;
            case "article_id" or "article_view_limited":
                if (string.IsNullOrEmpty(button.ArticleId))
                    problems.Add($"“{button.Name}”缺少 article_id ({type} needs article_id).");
                break;
            default:
                problems.Add($"“{button.Name}”的类型“{type}”不受支持 (unsupported button type; expected one of " +
                    $"{string.Join(", ", EventTypes.Concat(OtherTypes))}).");
                break;
        }
    }

    private static void CheckUrl(MenuButton button, List<string> problems)
    {
        var url = button.Url ?? "";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            problems.Add($"“{button.Name}”的链接“{url}”不是 http(s) 地址 (url must be an absolute http(s) URL).");
        else if (Encoding.UTF8.GetByteCount(url) > MaxUrlBytes)
            problems.Add($"“{button.Name}”的链接超过 {MaxUrlBytes} 字节 (url longer than {MaxUrlBytes} bytes).");
    }

    private static void CheckKeys(MenuDefinition menu, IReadOnlySet<string> handledClickKeys, List<string> problems)
    {
        var keyed = menu.Leaves()
            .Where(button => EventTypes.Contains(button.Type ?? "") && !string.IsNullOrEmpty(button.Key))
            .ToList();

        foreach (var duplicate in keyed.GroupBy(button => button.Key!, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"key“{duplicate.Key}”重复出现 {duplicate.Count()} 次 (duplicate key).");

        var menuKeys = keyed.Select(button => button.Key!).ToHashSet(StringComparer.Ordinal);
        foreach (var button in keyed.Where(button => !handledClickKeys.Contains(button.Key!)))
            problems.Add($"“{button.Name}”的 key“{button.Key}”没有处理程序 (no handler for this key).");
        foreach (var key in handledClickKeys.Where(key => !menuKeys.Contains(key)).Order(StringComparer.Ordinal))
            problems.Add($"处理程序“{key}”在菜单中没有入口 (handler key not reachable from the menu).");
    }
}
