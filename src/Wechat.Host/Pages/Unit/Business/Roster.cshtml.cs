using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit.Business;

/// <summary>
/// A 清册 of one kind: single entries join the open draft (an .xlsx upload makes a draft of its own); every view
/// re-validates the rows (row number and reason in Chinese); submit posts all rows in one transaction, and only
/// when all pass. The fresh page lists the open drafts to open or delete. Every POST ends in a redirect
/// (post/redirect/get) with its outcome in the query, so a reload never posts again.
/// </summary>
public sealed class RosterModel(RosterStore rosters, EmployerHallQueries queries, RosterCheck check, RosterImport import,
    ContributionBaseRules rules, TimeProvider time) : PageModel
{
    [FromRoute(Name = "kind")] public string Slug { get; set; } = "";
    [FromRoute] public long? Id { get; set; }
    public RosterKind Kind { get; private set; }
    public DateOnly Today => CentreClock.Today(time);
    public IReadOnlyList<RosterRow> Rows { get; private set; } = [];
    public IReadOnlyList<RowVerdict> Verdicts { get; private set; } = [];
    public IReadOnlyList<EmployeeListing> Candidates { get; private set; } = [];
    public IReadOnlyList<RosterDraft> Drafts { get; private set; } = [];
    public EmployerStanding? Standing { get; private set; }
    public string? Message { get; private set; }
    public string? FileProblem { get; private set; }
    public bool Done { get; private set; }

    private string Self => $"/unit/business/roster/{Kind.Slug()}";

    private bool Resolve()
    {
        if (RosterKinds.FromSlug(Slug) is not { } k) return false;
        Kind = k;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string? done, long? draft)
    {
        if (!Resolve()) return NotFound();
        Done = done == "posted";
        Message = done switch
        {
            "posted" => $"{Kind.DisplayName()}清册已提交，业务办理成功。",
            "problems" => "清册中有未通过校验的行，未提交任何数据。",
            "once" => BaseAdjustment.Problem(Today.Year, Today),
            "empty" => "清册中没有数据。",
            "gone" => "该清册已提交或不存在。",
            "deleted" when draft is { } d => $"第 {d} 号清册已删除。",
            _ => null,
        };
        return await ShowAsync();
    }

    public IActionResult OnGetTemplate() =>
        Resolve() ? File(import.Template(Kind), RosterImport.ContentType, RosterImport.FileName(Kind)) : NotFound();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!Resolve()) return NotFound();
        var row = RosterRow.From(0, f => Request.Form["cell_" + f].ToString());
        var ct = HttpContext.RequestAborted;
        if (Id is { } id)
        {
            if (!await rosters.AddRowAsync(id, User.Dwzh(), row, ct)) return NotFound();
        }
        else Id = await rosters.AddToOpenDraftAsync(User.Dwzh(), Kind, HttpContext.Transactor().OperatorId, row, ct);
        return Redirect($"{Self}/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int rowNo)
    {
        if (!Resolve() || Id is not { } id) return NotFound();
        await rosters.DeleteRowAsync(id, User.Dwzh(), rowNo, HttpContext.RequestAborted);
        return Redirect($"{Self}/{id}");
    }

    public async Task<IActionResult> OnPostDeleteDraftAsync(long draft)
    {
        if (!Resolve()) return NotFound();
        var deleted = await rosters.DeleteDraftAsync(draft, User.Dwzh(), HttpContext.Transactor().OperatorId, HttpContext.RequestAborted);
        return Redirect(deleted ? $"{Self}?done=deleted&draft={draft}" : $"{Self}?done=gone");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (!Resolve()) return NotFound();
        if (file is null) { FileProblem = "请选择要上传的.xlsx文件"; return await ShowAsync(); }
        await using var stream = file.OpenReadStream();
        var read = import.Read(Kind, stream, file.Length);
        if (read.Problem is not null) { FileProblem = read.Problem; return await ShowAsync(); }
        var id = await rosters.CreateDraftAsync(User.Dwzh(), Kind, HttpContext.Transactor().OperatorId, read.Rows, HttpContext.RequestAborted);
        return Redirect($"{Self}/{id}");
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (!Resolve() || Id is not { } id) return NotFound();
        var (outcome, _) = await rosters.SubmitAsync(id, User.Dwzh(), HttpContext.Transactor(), check, rules, Today, HttpContext.RequestAborted);
        return outcome switch
        {
            SubmitRosterOutcome.Posted => Redirect($"{Self}?done=posted"),
            SubmitRosterOutcome.HasProblems => Redirect($"{Self}/{id}?done=problems"),
            SubmitRosterOutcome.BaseAdjustedThisYear => Redirect($"{Self}/{id}?done=once"),
            SubmitRosterOutcome.Empty => Redirect($"{Self}/{id}?done=empty"),
            _ => Redirect($"{Self}?done=gone"),
        };
    }

    public MonthlyContribution? MonthlyFor(RosterRow row) =>
        Standing is { } s && RosterCheck.ParseBase(row.Base) is { } b && rules.BaseProblem(b) is null
            ? rules.Monthly(b, s.PersonalRate, s.EmployerRate) : null;

    private async Task<IActionResult> ShowAsync()
    {
        var ct = HttpContext.RequestAborted;
        Standing = await queries.StandingAsync(User.Dwzh(), ct);
        if (Kind == RosterKind.BaseAdjust && Standing is not null && BaseAdjustment.Problem(Standing.BaseAdjustedYear, Today) is { } once && !Done)
            Message ??= once;
        if (Kind is RosterKind.Seal or RosterKind.Unseal)
            Candidates = (await queries.EmployeesAsync(User.Dwzh(), null,
                Kind == RosterKind.Seal ? AccountStatus.Normal : AccountStatus.Sealed, 1, 50, ct)).Page;
        if (Id is { } id)
        {
            if (await rosters.GetDraftAsync(id, User.Dwzh(), ct) is not { } draft || draft.Kind != Kind) return NotFound();
            Rows = draft.Rows;
            Verdicts = check.Check(Kind, User.Dwzh(), Rows, await queries.KnownAsync(Kind, Rows, ct), Today, Standing?.BaseAdjustedYear);
        }
        else Drafts = await rosters.DraftsAsync(User.Dwzh(), Kind, ct);
        return Page();
    }
}
