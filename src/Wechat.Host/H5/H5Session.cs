namespace Wechat.Host.H5;

/// <summary>
/// Who is on a citizen page: the session id (cookie), <see cref="Handle"/> (the keyed hash of the id under which Redis
/// keeps what belongs to the session) and what anchors it. In H5 that is the OpenID WeChat vouched for at sign-in, and
/// the account is the one bound to it. In the personal web hall there is no OpenID: the session names the account
/// itself (<see cref="Grzh"/>, null until the password and, on a new browser, the SMS code are proven), and
/// <see cref="OpenId"/> holds the browser's client key (<c>hall:…</c>) that the per-client limits count against.
/// </summary>
public sealed record H5Session(string Id, string OpenId, string Handle, string? Grzh = null)
{
    /// <summary>The client key of a hall session starts so; a WeChat OpenID never holds a colon.</summary>
    public const string HallClientPrefix = Fund.Data.Stores.AccessOrigin.HallClientPrefix;

    private static readonly object ItemKey = new();

    /// <summary>A hall session: no WeChat user behind it, nothing may be bound to its client key.</summary>
    public bool InHall => IsHallClient(OpenId);

    public static bool IsHallClient(string clientKey) => clientKey.StartsWith(HallClientPrefix, StringComparison.Ordinal);

    internal void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The session the middleware attached; citizen pages under /h5 and /hall only run with one.</summary>
    public static H5Session Of(HttpContext context) =>
        context.Items[ItemKey] as H5Session ?? throw new InvalidOperationException("No citizen session on this request.");

    /// <summary>The session when one is attached (the hall's public pages may run without).</summary>
    public static H5Session? Find(HttpContext context) => context.Items[ItemKey] as H5Session;
}
