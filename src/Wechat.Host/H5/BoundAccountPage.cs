using Fund.Core.Accounts;
using Fund.Core.Binding;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.H5;

/// <summary>
/// A page about the citizen's own account: the account is always the one bound to the session's OpenID, never one
/// named in the URL or a form; an unbound OpenID goes to the login (bind) page.
/// </summary>
public abstract class BoundAccountPage(AccountQuery accounts) : PageModel
{
    protected AccountQuery Accounts => accounts;

    /// <summary>The account row, ID number and phone decrypted; only for pages that keep <see cref="NeedsAccountRow"/>.</summary>
    public PersonalAccount Account { get; protected set; } = null!;

    /// <summary>个人账号 of the bound account, on every page.</summary>
    public string Grzh { get; private set; } = "";

    /// <summary>
    /// False on pages that only list records by 个人账号 (statement, loans, withdrawals): they read the binding alone,
    /// so no account row is fetched and no ID number or phone is decrypted for them.
    /// </summary>
    protected virtual bool NeedsAccountRow => true;

    protected H5Session Session => H5Session.Of(HttpContext);

    /// <summary>
    /// Reads what the page needs for the bound account before its handler runs; returns 个人账号, or null when the
    /// OpenID is not bound. A page that can read its own data in the same round trip overrides this (the statement).
    /// </summary>
    protected virtual async Task<string?> LoadAsync(string openId, CancellationToken ct)
    {
        if (!NeedsAccountRow)
        {
            return await HttpContext.RequestServices.GetRequiredService<IBindingStore>().GetGrzhAsync(openId, ct);
        }

        var account = await accounts.ForOpenIdAsync(openId, ct);
        if (account is not null) Account = account;
        return account?.Grzh;
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var grzh = await LoadAsync(Session.OpenId, HttpContext.RequestAborted);
        if (grzh is null)
        {
            context.Result = Redirect("/h5/login?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }
        Grzh = grzh;
        await next();
    }
}
