using Fund.Core.Employers;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.Counter.Unit;

/// <summary>Every employer's submitted businesses, and one with its audit trail (who, which certificate, when).</summary>
public sealed class BusinessesModel(IEmployerHallQueries queries, AuditTrail audit) : PageModel
{
    [FromRoute] public long? Id { get; set; }
    public IReadOnlyList<BusinessRecord> Businesses { get; private set; } = [];
    public BusinessRecord? Selected { get; private set; }
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Businesses = await queries.HistoryAsync(null, 100, ct);
        if (Id is { } id)
        {
            Selected = await queries.BusinessAsync(id, ct);
            if (Selected is null) return NotFound();
            Audit = await audit.ForTargetAsync(RemittancePosting.Target(id), ct);
        }
        return Page();
    }
}
