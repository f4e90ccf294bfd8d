using Fund.Core.Employers;
using Fund.Core;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit.Business;

/// <summary>
/// 单位汇缴: the next month in order, its rows and total shown, posted once on confirm. The confirm redirects to this
/// page (post/redirect/get) with the outcome in the query, so reloading the result shows it again and posts nothing;
/// a posted month's figures are read back from its remittance record, not from the query.
/// </summary>
public sealed class RemitModel(EmployerHallQueries queries, RemittancePosting posting, TimeProvider time) : PageModel
{
    public RemittancePlan? Plan { get; private set; }
    public IReadOnlyList<DateOnly> Outstanding { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Posted { get; private set; }

    [BindProperty] public string Month { get; set; } = "";
    [BindProperty] public int Headcount { get; set; }
    [BindProperty] public decimal Total { get; set; }

    public async Task OnGetAsync(string? done, string? month)
    {
        if (PayMonths.Parse(month) is { } m) await SayAsync(done, m);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (PayMonths.Parse(Month) is not { } month) return BadRequest();
        var (outcome, _) = await posting.PostAsync(User.Dwzh(), month, CentreClock.Today(time), Headcount, Total, HttpContext.Transactor(), ct);
        var done = outcome switch
        {
            RemittanceOutcome.Posted => "posted",
            RemittanceOutcome.AlreadyRemitted => "already",
            RemittanceOutcome.Changed => "changed",
            RemittanceOutcome.NotDue => "notdue",
            _ => "none",
        };
        return Redirect($"/unit/business/remit?done={done}&month={month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    private async Task SayAsync(string? done, DateOnly month)
    {
        if (done == "posted")
        {
            if (await queries.RemittedAsync(User.Dwzh(), month, HttpContext.RequestAborted) is not { } r) return;
            Posted = true;
            Message = $"{PayMonths.Text(month)}汇缴登记成功：{r.Headcount}人，合计{r.Total:N2}元，已记入职工个人账户。";
            return;
        }
        Message = done switch
        {
            "already" => $"{PayMonths.Text(month)}已汇缴，请勿重复提交。",
            "changed" => "职工信息在确认前已有变化，请核对下方最新的汇缴清单后重新确认。",
            "notdue" => "须按月份顺序汇缴，该月份尚不能汇缴。",
            "none" => "本单位暂无可汇缴的职工。",
            _ => null,
        };
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var today = CentreClock.Today(time);
        var standing = await queries.StandingAsync(User.Dwzh(), ct);
        var schedule = new RemittanceSchedule(standing?.PaidUpTo, today);
        Outstanding = schedule.Outstanding;
        if (schedule.NextMonth is { } next)
            Plan = RemittancePlan.For(User.Dwzh(), next, today, await queries.ContributionsAsync(User.Dwzh(), ct));
    }
}
