using Fund.Core.Employers;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit;

public sealed class HistoryModel(IEmployerHallQueries queries) : PageModel
{
    public IReadOnlyList<BusinessRecord> Businesses { get; private set; } = [];

    public async Task OnGetAsync() => Businesses = await queries.HistoryAsync(User.Dwzh(), 200, HttpContext.RequestAborted);
}
