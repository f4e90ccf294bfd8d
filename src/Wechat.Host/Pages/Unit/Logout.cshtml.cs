using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit;

public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/unit");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(UnitAuth.Scheme);
        return Redirect("/unit");
    }
}
