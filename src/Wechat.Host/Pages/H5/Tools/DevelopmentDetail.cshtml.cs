using Fund.Core.Developments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.H5.Tools;

/// <summary>One 合作楼盘: where it is, whom to call, the price to expect, the banks for the fund loan, and what to do next.</summary>
public sealed class DevelopmentDetailModel(IPartnerDevelopmentStore developments) : PageModel
{
    public PartnerDevelopmentDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await developments.DetailsAsync(id, ct) is not { } details) return NotFound();
        Details = details;
        return Page();
    }
}
