using Fund.Core;
using System.Globalization;
using Fund.Core.Loans;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Tools;

namespace Wechat.Host.Pages.Counter.Reference;

/// <summary>
/// 贷款利率: a new table is added with its effective date and never edited, so every loan's rate stays explainable.
/// Only a table that has not yet taken effect may be withdrawn (an announcement entered in error).
/// </summary>
public sealed class RatesModel(RateTable rates, MySqlLoanRateStore store, TimeProvider time) : PageModel
{
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public string? FirstShort { get; set; }
    [BindProperty] public string? FirstLong { get; set; }
    [BindProperty] public string? SecondShort { get; set; }
    [BindProperty] public string? SecondLong { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    public IReadOnlyList<RateTableVersion> History { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var (draft, problems) = RateTableDraft.Check(EffectiveFrom, FirstShort, FirstLong, SecondShort, SecondLong, Note);
        if (draft is not null && await store.AddVersionAsync(draft, User.Identity!.Name!, Ct))
            return Redirect("/counter/reference/rates?done=added");
        Problems = draft is null ? problems : [$"{draft.EffectiveFrom:yyyy-MM-dd}已有利率表；历史利率不可修改，如需调整请另选生效日期"];
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string date)
    {
        await LoadAsync();
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && await store.WithdrawVersionAsync(d, Today, User.Identity!.Name!, Ct))
            return Redirect("/counter/reference/rates?done=withdrawn");
        Problems = ["只能撤销尚未生效的利率表；已生效的利率表是历史记录，不可删除"];
        return Page();
    }

    public static string Percent(LoanRate? rate) =>
        rate is null ? "—" : (rate.AnnualRate * 100).ToString("0.00##", CultureInfo.InvariantCulture) + "%";

    private async Task LoadAsync()
    {
        Today = CentreClock.Today(time);
        History = await rates.HistoryAsync(Ct);
    }
}
