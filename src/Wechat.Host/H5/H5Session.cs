namespace Wechat.Host.H5;

/// <summary>
/// Who is on an H5 page: the session id (cookie), the OpenID WeChat vouched for at sign-in, and
/// <see cref="Handle"/>, the keyed hash of the id under which Redis keeps what belongs to the session.
/// </summary>
public sealed record H5Session(string Id, string OpenId, string Handle)
{
    private static readonly object ItemKey = new();

    internal void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The session the middleware attached; pages under /h5 only run with one.</summary>
    /// <summary>The session when the request came through the H5 middleware, else null (another channel's page).</summary>
    public static H5Session? Find(HttpContext context) => context.Items[ItemKey] as H5Session;

    public static H5Session Of(HttpContext context) =>
        context.Items[ItemKey] as H5Session ?? throw new InvalidOperationException("No H5 session on this request.");
}
