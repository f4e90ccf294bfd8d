using System.Text.Json;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>明细账 of one year of the bound account, with its balance line for the chart.</summary>
public sealed class StatementModel(AccountQuery accounts, StatementQuery statements) : BoundAccountPage(accounts)
{
    protected override bool NeedsAccountRow => false;

    public IReadOnlyList<int> Years { get; private set; } = [];
    public Statement? Statement { get; private set; }

    // A year without entries (or a made-up one) shows the newest year rather than an empty page.
    public async Task OnGetAsync(int? year) =>
        (Years, Statement) = await statements.PageAsync(Grzh, year, HttpContext.RequestAborted);

    /// <summary>Balance after each entry, opening balance first, for Chart.js.</summary>
    public string ChartJson()
    {
        if (Statement is not { } s) return "{}";
        var labels = new List<string> { "年初" };
        var values = new List<decimal> { s.OpeningBalance };
        foreach (var e in s.Entries)
        {
            labels.Add(e.Date.ToString("MM-dd"));
            values.Add(e.BalanceAfter);
        }
        return JsonSerializer.Serialize(new { labels, values });
    }
}
