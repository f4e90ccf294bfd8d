namespace Wechat.Host.H5;

/// <summary>
/// A new session id on every sign-in and bind: whatever id was planted or seen before the citizen proved who they
/// are dies, so it can never act for the account (session fixation). In the hall the new session may name the
/// account the citizen just proved (<paramref name="grzh"/> of <see cref="RenewAsync"/>).
/// </summary>
public sealed class SessionRenewal
{
    private readonly H5SessionStore sessions;
    private readonly H5Cookies cookies;

    internal SessionRenewal(H5SessionStore sessions, H5Cookies cookies)
    {
        this.sessions = sessions;
        this.cookies = cookies;
    }

    /// <param name="grzh">Hall only: the account the new session is signed in to (null keeps the old one's).</param>
    /// <param name="rememberedBrowser">Hall only: the remembered browser the sign-in came through, if any.</param>
    public async Task RenewAsync(HttpContext context, string? grzh = null, string? rememberedBrowser = null)
    {
        var old = H5Session.Of(context);
        H5Session renewed;
        if (old.InHall)
        {
            renewed = await sessions.CreateHallAsync(old.OpenId[H5Session.HallClientPrefix.Length..], grzh ?? old.Grzh, rememberedBrowser);
            context.Response.Cookies.Append(cookies.HallSession, renewed.Id, cookies.HallOptions());
        }
        else
        {
            renewed = await sessions.CreateAsync(old.OpenId);
            context.Response.Cookies.Append(cookies.Session, renewed.Id, cookies.Options());
        }
        await sessions.DeleteAsync(old.Id);
        renewed.AttachTo(context);
    }
}
