namespace Wechat.Host.H5;

/// <summary>
/// A new session id on every sign-in and bind: whatever id was planted or seen before the citizen proved who they
/// are dies, so it can never act for the account (session fixation).
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

    public async Task RenewAsync(HttpContext context)
    {
        var old = H5Session.Of(context);
        var renewed = await sessions.CreateAsync(old.OpenId);
        await sessions.DeleteAsync(old.Id);
        context.Response.Cookies.Append(cookies.Session, renewed.Id, cookies.Options());
        renewed.AttachTo(context);
    }
}
