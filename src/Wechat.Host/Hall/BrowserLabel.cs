namespace Wechat.Host.Hall;

/// <summary>A remembered browser's name as 设置 shows it (浏览器 · 系统), from its User-Agent: enough to tell one's own apart.</summary>
public static class BrowserLabel
{
    public static string Of(string userAgent)
    {
        var ua = userAgent ?? "";
        string browser = ua.Contains("MicroMessenger", StringComparison.Ordinal) ? "微信"
            : ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
            : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : "浏览器";
        string system = ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : ua.Contains("Android", StringComparison.Ordinal) ? "Android"
            : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
            : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : "未知系统";
        return browser + " · " + system;
    }
}
