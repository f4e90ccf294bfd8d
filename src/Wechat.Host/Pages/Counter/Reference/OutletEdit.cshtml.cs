using System.Globalization;
using Fund.Core.Outlets;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.Counter.Reference;

/// <summary>
/// Adds a 服务网点 (no id) or edits one. Fields bind as text so a mistyped coordinate gets our Chinese message,
/// not the model binder's English one.
/// </summary>
public sealed class OutletEditModel(MySqlOutletStore outlets) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Hours { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Latitude { get; set; }
    [BindProperty] public string? Longitude { get; set; }
    public bool WasDemo { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is null)
        {
            Hours = "周一至周五 8:30-12:00 14:30-17:30";
            return Page();
        }
        if (await outlets.GetAsync(id.Value, HttpContext.RequestAborted) is not { } o) return NotFound();
        (Name, Address, Hours, Phone, WasDemo) = (o.Name, o.Address, o.Hours, o.Phone, o.IsDemo);
        Latitude = o.Latitude.ToString("0.######", CultureInfo.InvariantCulture);
        Longitude = o.Longitude.ToString("0.######", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var ct = HttpContext.RequestAborted;
        var (draft, problems) = OutletDraft.Check(Name, Address, Hours, Phone, Latitude, Longitude);
        if (draft is null)
        {
            Problems = problems;
            WasDemo = id is { } existing && (await outlets.GetAsync(existing, ct))?.IsDemo == true;
            return Page();
        }
        var staff = User.Identity!.Name!;
        if (id is null)
        {
            await outlets.AddAsync(draft, staff, ct);
            return Redirect("/counter/reference/outlets?done=added");
        }
        return await outlets.UpdateAsync(id.Value, draft, staff, ct)
            ? Redirect("/counter/reference/outlets?done=saved")
            : Redirect("/counter/reference/outlets?done=gone");
    }
}
