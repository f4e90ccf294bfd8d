using Fund.Core.Outlets;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.Counter.Reference;

/// <summary>Supervisors see every 服务网点 and delete one; adding and editing are on the edit page.</summary>
public sealed class OutletsModel(MySqlOutletStore outlets) : PageModel
{
    public IReadOnlyList<ServiceOutlet> Outlets { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public async Task OnGetAsync() => Outlets = await outlets.GetAllAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var deleted = await outlets.DeleteAsync(id, User.Identity!.Name!, HttpContext.RequestAborted);
        return Redirect("/counter/reference/outlets?done=" + (deleted ? "deleted" : "gone"));
    }
}
