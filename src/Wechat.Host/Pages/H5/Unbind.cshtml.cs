using Fund.Core.Accounts;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>解除绑定: this WeChat user stops acting for the account; the online-hall registration stays.</summary>
public sealed class UnbindModel(AccountQuery accounts, CitizenAccessChanges changes, ILogger<UnbindModel> log) : BoundAccountPage(accounts)
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await changes.UnbindAsync(HttpContext.Origin(), HttpContext.RequestAborted);
        log.LogInformation("OpenID unbound");
        return Redirect("/h5/login?notice=unbound");
    }
}
