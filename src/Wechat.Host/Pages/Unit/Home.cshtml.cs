using Fund.Core.Employers;
using Fund.Core;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit;

public sealed class HomeModel(IEmployerHallQueries queries, TimeProvider time) : PageModel
{
    public EmployerStanding Standing { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<DateOnly> Outstanding { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Today = CentreClock.Today(time);
        var standing = await queries.StandingAsync(User.Dwzh(), HttpContext.RequestAborted);
        if (standing is null) return NotFound();
        Standing = standing;
        Outstanding = new RemittanceSchedule(standing.PaidUpTo, Today).Outstanding;
        return Page();
    }
}
