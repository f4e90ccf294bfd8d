using Fund.Core.Developments;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.Counter.Reference;

/// <summary>Supervisors see every 合作楼盘 and delete one; adding and editing are on the edit page.</summary>
public sealed class DevelopmentsModel(MySqlPartnerDevelopmentStore developments) : PageModel
{
    public IReadOnlyList<PartnerDevelopment> Developments { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public async Task OnGetAsync() => Developments = await developments.SearchAsync(null, null, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var deleted = await developments.DeleteAsync(id, User.Identity!.Name!, HttpContext.RequestAborted);
        return Redirect("/counter/reference/developments?done=" + (deleted ? "deleted" : "gone"));
    }
}
