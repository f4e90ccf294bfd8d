using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Tools;

namespace Wechat.Host.Pages.H5.Tools.Guides;

/// <summary>One 办事指南 by its slug; an unknown slug is the friendly 404.</summary>
public sealed class DetailModel : PageModel
{
    public BusinessGuide Guide { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (BusinessGuides.Find(slug) is not { } guide) return NotFound();
        Guide = guide;
        return Page();
    }
}
