using Fund.Core;
using Microsoft.AspNetCore.Html;
using Wechat.Host.Display;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>
/// 明细账 of one year of the bound account, with its balance line for the chart; printable (print stylesheet) and
/// downloadable as CSV (?handler=Csv), always the bound account's own.
/// </summary>
[RenderedStatements.Capture]
public sealed class StatementModel(AccountQuery accounts, StatementQuery statements, TimeProvider time, RenderedStatements rendered)
    : BoundAccountPage(accounts)
{
    // The printed and downloaded statement names its holder: the account row, the years and the year's entries are
    // read together, in one round trip, before the handler (LoadAsync).
    public IReadOnlyList<int> Years { get; private set; } = [];
    public Statement? Statement { get; private set; }

    // What the statement read returned its years in: the same object for as long as the account copy is current.
    private object? _source;

    /// <summary>The day the page or file was made, in the centre's time zone, printed on the statement.</summary>
    public DateOnly PrintedOn => CentreClock.Today(time);

    protected override async Task<string?> LoadAsync(H5Session session, CancellationToken ct)
    {
        // A year without entries (or a made-up one) shows the newest year rather than an empty page.
        int? year = int.TryParse(Request.Query["year"], out var y) ? y : null;
        var (account, years, statement) = session.InHall
            ? session.Grzh is { } grzh ? await statements.PageForAccountAsync(grzh, year, ct) : (null, [], null)
            : await statements.PageForOpenIdAsync(session.OpenId, year, ct);
        if (account is null) return null;
        (Account, Years, Statement) = (account, years, statement);
        if (!session.InHall) _source = years;
        return account.Grzh;
    }

    /// <summary>
    /// The page, sent again as last rendered while the statement read it was made from is still current
    /// (<see cref="RenderedStatements"/>; H5 only: the hall's page is read afresh each time and not kept).
    /// </summary>
    public IActionResult OnGet()
    {
        if (Statement is not { } s || _source is null) return Page();
        var key = new RenderedStatements.Key(Session.OpenId, Request.Path.Value ?? "", s.Year,
            Wechat.Host.Display.LargeType.IsOn(HttpContext), Request.Query["session"] == "expired", PrintedOn);
        if (rendered.Find(key, _source) is { } html) return new RenderedStatements.PageBytes(html);
        var source = _source;
        HttpContext.Items[RenderedStatements.CaptureItem] = (Action<byte[]>)(page => rendered.Keep(key, source, page));
        return Page();
    }

    public IActionResult OnGetCsv()
    {
        if (Statement is not { } s) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return File(StatementText.Csv(s, Account.Name, Grzh, PrintedOn), "text/csv; charset=utf-8",
            $"明细账-{Grzh}-{s.Year}.csv");
    }

    /// <summary>
    /// The balance line, opening balance first and then the balance after each entry, as inline SVG; its label names the
    /// year and the opening and closing balances.
    /// </summary>
    public IHtmlContent ChartSvg()
    {
        if (Statement is not { } s) return HtmlString.Empty;
        var points = new List<(string, decimal)>(s.Entries.Count + 1) { ("年初", s.OpeningBalance) };
        foreach (var e in s.Entries) points.Add((e.Date.ToString("MM-dd"), e.BalanceAfter));
        return BalanceChart.Svg("balance-chart",
            $"{s.Year} 年余额变化：年初 {s.OpeningBalance:N2} 元，期末 {s.ClosingBalance:N2} 元，逐笔余额见下方明细", points);
    }
}
