using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit;

/// <summary>职工信息: filter by name or 个人账号 and status, twenty a page, print-friendly, and an .xlsx export (masked).</summary>
public sealed class EmployeesModel(IEmployerHallQueries queries) : PageModel
{
    public const int PageSize = 20;
    public const int MaxExport = 50_000;

    [BindProperty(SupportsGet = true)] public string Q { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;
    public IReadOnlyList<EmployeeListing> Listing { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    private AccountStatus? StatusFilter => Status is "01" or "02" ? AccountStatusCodes.FromCode(Status) : null;

    public async Task OnGetAsync()
    {
        P = Math.Max(1, P);
        (Listing, Total) = await queries.EmployeesAsync(User.Dwzh(), Q, StatusFilter, P, PageSize, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var (rows, _) = await queries.EmployeesAsync(User.Dwzh(), Q, StatusFilter, 1, MaxExport, HttpContext.RequestAborted);
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(e => new Dictionary<string, object>
        {
            ["个人账号"] = e.Grzh, ["姓名"] = e.Name, ["身份证号"] = e.MaskedIdNumber, ["手机"] = e.MaskedPhone,
            ["状态"] = e.Status.DisplayName(), ["缴存基数"] = e.ContributionBase, ["月缴存额"] = e.PersonalMonthly + e.EmployerMonthly,
            ["余额"] = e.Balance, ["缴至年月"] = e.PaidUpTo is { } p ? PayMonths.Text(p) : "",
        }));
        return File(stream.ToArray(), RosterImport.ContentType, $"职工信息_{User.Dwzh()}.xlsx");
    }
}
