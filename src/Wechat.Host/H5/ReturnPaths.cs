namespace Wechat.Host.H5;

/// <summary>
/// The one rule for where a sign-in may send the citizen back to, for every channel: a page of this site under the
/// channel's prefix — not another host (<c>//…</c>), not a path that only starts with the prefix's letters
/// (<c>/h5evil</c>), and no <c>.</c> or <c>..</c> segment or backslash, written plainly or percent-encoded, that a
/// browser would resolve to somewhere else.
/// </summary>
internal static class ReturnPaths
{
    public static bool IsOwnPage(string? path, string prefix)
    {
        if (path is null || !path.StartsWith(prefix, StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal)
            || path.Contains('\\') || (path.Length != prefix.Length && path[prefix.Length] is not ('/' or '?')))
            return false;
        var pathPart = path.Split('?', '#')[0];
        return !pathPart.Contains("%2e", StringComparison.OrdinalIgnoreCase) && !pathPart.Contains("%5c", StringComparison.OrdinalIgnoreCase)
            && !pathPart.Split('/').Any(segment => segment is "." or "..");
    }
}
