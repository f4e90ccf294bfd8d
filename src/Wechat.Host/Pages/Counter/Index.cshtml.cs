using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.Counter;

/// <summary>The queue: open applications oldest first, then the latest finished ones.</summary>
public sealed class IndexModel(MySqlApplicationStore applications) : PageModel
{
    public IReadOnlyList<WithdrawalApplication> Open { get; private set; } = [];
    public IReadOnlyList<WithdrawalApplication> Finished { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Open = await applications.QueueAsync(open: true, 200, HttpContext.RequestAborted);
        Finished = await applications.QueueAsync(open: false, 30, HttpContext.RequestAborted);
    }
}
