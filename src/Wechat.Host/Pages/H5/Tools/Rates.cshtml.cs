using Fund.Core.Loans;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Fund.Core;

namespace Wechat.Host.Pages.H5.Tools;

/// <summary>房贷利率: the table in force today and the tables before it.</summary>
public sealed class RatesModel(RateTable rates, TimeProvider time) : PageModel
{
    public RateTableVersion? Current { get; private set; }
    public IReadOnlyList<RateTableVersion> Earlier { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = CentreClock.Today(time);
        var history = await rates.HistoryAsync(ct);
        Current = history.FirstOrDefault(v => v.EffectiveFrom <= today);
        Earlier = history.Where(v => v != Current && v.EffectiveFrom <= today).ToList();
    }
}
