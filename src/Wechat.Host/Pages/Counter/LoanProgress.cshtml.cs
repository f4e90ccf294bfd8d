using Fund.Core.Loans;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.Counter;

/// <summary>Supervisors add a stage to a loan's 贷款进度; the borrower is notified through the outbox.</summary>
public sealed class LoanProgressModel(LoanProgressUpdates updates, ILoanStore loans, TimeProvider time) : PageModel
{
    public static readonly IReadOnlyList<string> Stages = ["受理", "初审", "审批", "签订合同", "抵押登记", "放款"];

    [BindProperty(SupportsGet = true)] public string ContractNo { get; set; } = "";
    [BindProperty] public string Stage { get; set; } = "";
    [BindProperty] public string Note { get; set; } = "";
    public IReadOnlyList<LoanProgressStage> Progress { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ContractNo = ContractNo.Trim();
        Note = Note.Trim();
        if (!Stages.Contains(Stage)) Error = "请选择办理环节";
        else if (Note.Length > 200) Error = "说明不超过200字";
        else if (!await updates.AddStageAsync(ContractNo, new LoanProgressStage(Stage, time.GetUtcNow(), Note), User.Identity!.Name!, HttpContext.RequestAborted))
            Error = "未找到该贷款合同";
        else Notice = $"已更新为“{Stage}”，并已通知借款人";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        if (ContractNo.Length > 0) Progress = await loans.GetProgressAsync(ContractNo, HttpContext.RequestAborted);
    }
}
