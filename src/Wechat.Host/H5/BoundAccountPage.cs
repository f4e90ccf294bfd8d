using Fund.Core.Accounts;
using Fund.Core.Binding;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.H5;

/// <summary>
/// A page about the citizen's own account, in every channel: the account is always the one the session vouches for
/// — bound to the session's OpenID in H5, named by the hall session itself after its sign-in — never one named in the
/// URL or a form. Without one the citizen goes to the channel's sign-in (H5's login binds; the hall's signs in).
/// </summary>
public abstract class BoundAccountPage(AccountQuery accounts) : PageModel
{
    protected AccountQuery Accounts => accounts;

    /// <summary>The account row, ID number and phone decrypted; only for pages that keep <see cref="NeedsAccountRow"/>.</summary>
    public PersonalAccount Account { get; protected set; } = null!;

    /// <summary>个人账号 of the signed-in account, on every page.</summary>
    public string Grzh { get; private set; } = "";

    /// <summary>
    /// False on pages that only list records by 个人账号 (statement, loans, withdrawals): they read the binding alone
    /// (in the hall not even that), so no account row is fetched and no ID number or phone is decrypted for them.
    /// </summary>
    protected virtual bool NeedsAccountRow => true;

    protected H5Session Session => H5Session.Of(HttpContext);

    /// <summary>
    /// Reads what the page needs for the session's account before its handler runs; returns 个人账号, or null when
    /// the session vouches for no account. A page that can read its own data in the same round trip overrides this
    /// (the statement).
    /// </summary>
    protected virtual async Task<string?> LoadAsync(H5Session session, CancellationToken ct)
    {
        if (session.InHall)
        {
            if (session.Grzh is not { } grzh) return null;
            if (!NeedsAccountRow) return grzh;
            var own = await accounts.ForAccountAsync(grzh, ct);
            if (own is not null) Account = own;
            return own?.Grzh;
        }
        if (!NeedsAccountRow)
        {
            return await HttpContext.RequestServices.GetRequiredService<IBindingStore>().GetGrzhAsync(session.OpenId, ct);
        }

        var account = await accounts.ForOpenIdAsync(session.OpenId, ct);
        if (account is not null) Account = account;
        return account?.Grzh;
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var grzh = await LoadAsync(Session, HttpContext.RequestAborted);
        if (grzh is null)
        {
            // An H5 path: in the hall it is answered as /hall/login (Channels.ChannelRedirects).
            context.Result = Redirect("/h5/login?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }
        Grzh = grzh;
        await next();
    }
}
