using Fund.Core.Accounts;
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

    public PersonalAccount Account { get; private set; } = null!;

    protected H5Session Session => H5Session.Of(HttpContext);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var account = await accounts.ForOpenIdAsync(Session.OpenId, HttpContext.RequestAborted);
        if (account is null)
        {
            context.Result = Redirect("/h5/login?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }
        Account = account;
        await next();
    }
}
