using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.Hall;

/// <summary>退出: the session ends in Redis, not only in the browser, so a copied session cookie is worth nothing afterwards.</summary>
public sealed class LogoutModel(H5SessionStore sessions, H5Cookies cookies) : PageModel
{
    public IActionResult OnGet() => Redirect("/hall");

    public async Task<IActionResult> OnPostAsync()
    {
        await sessions.DeleteAsync(H5Session.Of(HttpContext).Id);
        Response.Cookies.Delete(cookies.HallSession, cookies.HallOptions());
        return Redirect("/hall/login?notice=signedout");
    }
}
