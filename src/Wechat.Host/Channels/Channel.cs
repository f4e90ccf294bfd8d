namespace Wechat.Host.Channels;

/// <summary>
/// A way in to the citizen's pages: H5 inside WeChat (<c>/h5</c>, OAuth2 session, WeUI phone layout) or the personal
/// web hall in any browser (<c>/hall</c>, password and SMS session, desktop layout that narrows to a phone's). The
/// pages, their models and their rules are the same; a channel names only its path prefix and its layout.
/// </summary>
/// <remarks>
/// Shared pages live under Pages/H5 and are written with H5 paths (<c>/h5/statement</c>). <see cref="ChannelRoutes"/>
/// gives each of them a second route under <c>/hall</c>; in the hall <see cref="ChannelLinks"/> rewrites the links
/// a page writes and <see cref="ChannelRedirects"/> the redirects it answers, so a citizen never leaves the channel
/// they came in by.
/// </remarks>
public sealed record Channel(string Name, string Prefix, string Layout)
{
    public static readonly Channel H5 = new("h5", "/h5", "_Layout");
    public static readonly Channel Hall = new("hall", "/hall", "_HallLayout");

    /// <summary>The channel a request is in, by its path: the hall under /hall, H5 everywhere else.</summary>
    public static Channel Of(HttpContext context) => For(context.Request.Path);

    public static Channel For(PathString path) => path.StartsWithSegments(Hall.Prefix) ? Hall : H5;

    public bool IsHall => ReferenceEquals(this, Hall) || Name == Hall.Name;

    /// <summary>
    /// An H5 path (<c>/h5/…</c>) as this channel writes it: unchanged in H5, <c>/hall/…</c> in the hall. Anything
    /// else (another area, an absolute URL, static files) is left alone.
    /// </summary>
    public string Href(string path)
    {
        if (!IsHall || !IsH5Path(path)) return path;
        return Prefix + path[H5.Prefix.Length..];
    }

    /// <summary>A path of either channel as its H5 path (<c>/hall/statement</c> → <c>/h5/statement</c>), for tables keyed by H5 paths.</summary>
    public static string AsH5(string path) =>
        path.StartsWith(Hall.Prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == Hall.Prefix.Length || path[Hall.Prefix.Length] is '/' or '?' or '#')
            ? H5.Prefix + path[Hall.Prefix.Length..]
            : path;

    /// <summary>True for <c>/h5</c>, <c>/h5/…</c>, <c>/h5?…</c> and <c>/h5#…</c>, not for <c>/h5x</c>.</summary>
    public static bool IsH5Path(string path) =>
        path.StartsWith(H5.Prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == H5.Prefix.Length || path[H5.Prefix.Length] is '/' or '?' or '#');
}
