using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit.Business;

/// <summary>
/// A 清册 of one kind: single rows or an .xlsx upload become a draft; every view re-validates the rows (row number
/// and reason in Chinese); submit posts all rows in one transaction, and only when all pass.
/// </summary>
public sealed class RosterModel(IRosterBusiness rosters, IEmployerHallQueries queries, RosterCheck check, RosterImport import,
    ContributionBaseRules rules, TimeProvider time) : PageModel
{
    [FromRoute(Name = "kind")] public string Slug { get; set; } = "";
    [FromRoute] public long? Id { get; set; }
    public RosterKind Kind { get; private set; }
    public DateOnly Today => CentreClock.Today(time);
    public IReadOnlyList<RosterRow> Rows { get; private set; } = [];
    public IReadOnlyList<RowVerdict> Verdicts { get; private set; } = [];
    public IReadOnlyList<EmployeeListing> Candidates { get; private set; } = [];
    public EmployerStanding? Standing { get; private set; }
    public string? Message { get; private set; }
    public string? FileProblem { get; private set; }
    public bool Done { get; private set; }

    private bool Resolve()
    {
        if (RosterKinds.FromSlug(Slug) is not { } k) return false;
        Kind = k;
        return true;
    }

    public async Task<IActionResult> OnGetAsync() => Resolve() ? await ShowAsync() : NotFound();

    public IActionResult OnGetTemplate() =>
        Resolve() ? File(import.Template(Kind), RosterImport.ContentType, RosterImport.FileName(Kind)) : NotFound();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!Resolve()) return NotFound();
        var row = RosterRow.From(0, f => Request.Form["cell_" + f].ToString());
        var ct = HttpContext.RequestAborted;
        var who = HttpContext.Transactor();
        if (Id is { } id)
        {
            if (!await rosters.AddRowAsync(id, User.Dwzh(), row, ct)) return NotFound();
        }
        else Id = await rosters.CreateDraftAsync(User.Dwzh(), Kind, who.OperatorId, [row with { RowNo = 2 }], ct);
        return Redirect($"/unit/business/roster/{Kind.Slug()}/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int rowNo)
    {
        if (!Resolve() || Id is not { } id) return NotFound();
        await rosters.DeleteRowAsync(id, User.Dwzh(), rowNo, HttpContext.RequestAborted);
        return Redirect($"/unit/business/roster/{Kind.Slug()}/{id}");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (!Resolve()) return NotFound();
        if (file is null) { FileProblem = "请选择要上传的.xlsx文件"; return await ShowAsync(); }
        await using var stream = file.OpenReadStream();
        var read = import.Read(Kind, stream, file.Length);
        if (read.Problem is not null) { FileProblem = read.Problem; return await ShowAsync(); }
        var id = await rosters.CreateDraftAsync(User.Dwzh(), Kind, HttpContext.Transactor().OperatorId, read.Rows, HttpContext.RequestAborted);
        return Redirect($"/unit/business/roster/{Kind.Slug()}/{id}");
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (!Resolve() || Id is not { } id) return NotFound();
        var (outcome, _) = await rosters.SubmitAsync(id, User.Dwzh(), HttpContext.Transactor(), check, rules, Today, HttpContext.RequestAborted);
        Message = outcome switch
        {
            SubmitRosterOutcome.Posted => $"{Kind.DisplayName()}清册已提交，业务办理成功。",
            SubmitRosterOutcome.HasProblems => "清册中有未通过校验的行，未提交任何数据。",
            SubmitRosterOutcome.BaseAdjustedThisYear => BaseAdjustment.Problem(Today.Year, Today),
            SubmitRosterOutcome.Empty => "清册中没有数据。",
            _ => "该清册已提交或不存在。",
        };
        Done = outcome == SubmitRosterOutcome.Posted;
        if (Done) Id = null;
        return await ShowAsync();
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
            Verdicts = check.Check(Kind, User.Dwzh(), Rows, await queries.KnownAsync(Kind, Rows, ct), Today);
        }
        return Page();
    }
}
