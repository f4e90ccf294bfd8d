using Fund.Core.Developments;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.Counter.Reference;

/// <summary>Adds a 合作楼盘 (no id) or edits one.</summary>
public sealed class DevelopmentEditModel(MySqlPartnerDevelopmentStore developments) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Developer { get; set; }
    [BindProperty] public string? District { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Status { get; set; }
    public bool WasDemo { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is null) return Page();
        if (await developments.GetAsync(id.Value, HttpContext.RequestAborted) is not { } d) return NotFound();
        (Name, Developer, District, Address, Status, WasDemo) = (d.Name, d.Developer, d.District, d.Address, d.Status, d.IsDemo);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var ct = HttpContext.RequestAborted;
        var (draft, problems) = DevelopmentDraft.Check(Name, Developer, District, Address, Status);
        if (draft is null)
        {
            Problems = problems;
            WasDemo = id is { } existing && (await developments.GetAsync(existing, ct))?.IsDemo == true;
            return Page();
        }
        var staff = User.Identity!.Name!;
        if (id is null)
        {
            await developments.AddAsync(draft, staff, ct);
            return Redirect("/counter/reference/developments?done=added");
        }
        return await developments.UpdateAsync(id.Value, draft, staff, ct)
            ? Redirect("/counter/reference/developments?done=saved")
            : Redirect("/counter/reference/developments?done=gone");
    }
}
