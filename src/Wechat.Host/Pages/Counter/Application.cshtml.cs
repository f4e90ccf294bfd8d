using Fund.Core.Accounts;
using Fund.Core.Loans;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Withdrawals;

namespace Wechat.Host.Pages.Counter;

/// <summary>One application with its material, documents, the rules re-checked now, and the decisions a clerk can take.</summary>
public sealed class ApplicationModel(
    MySqlApplicationStore applications, MySqlMaterialStore materials, IAccountStore accounts, ILoanStore loans,
    WithdrawalDecisions decisions, MySqlBankCardStore cards, AuditTrail audit, TimeProvider time, ILogger<ApplicationModel> log) : PageModel
{
    public WithdrawalApplication Application { get; private set; } = null!;
    public PersonalAccount Account { get; private set; } = null!;
    public WithdrawalMaterial? Material { get; private set; }
    public IReadOnlyList<WithdrawalDocument> Documents { get; private set; } = [];
    public Eligibility? Eligibility { get; private set; }
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    [BindProperty] public string Reason { get; set; } = "";
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>The full card number, shown only after an audited request for the payment step.</summary>
    public string? RevealedCard { get; private set; }

    private string Staff => User.Identity!.Name!;
    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(long id) => ActAsync(id, () => decisions.ApproveAsync(id, Staff, Ct), "已审核通过，已记销户提取并销户");

    public Task<IActionResult> OnPostPaidAsync(long id) => ActAsync(id, () => decisions.MarkPaidAsync(id, Staff, Ct), "已标记为已到账");

    public async Task<IActionResult> OnPostRevealCardAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Application.Withdrawal.Status != WithdrawalStatus.Approved) return Page();
        RevealedCard = await cards.RevealAsync(id, Ct);
        await audit.WriteAsync(AuditTrail.Staff(Staff), "bankcard.reveal", AuditTrail.Withdrawal(id), "for payment", Ct);
        History = await audit.ForTargetAsync(AuditTrail.Withdrawal(id), Ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRejectAsync(long id)
    {
        Reason = Reason.Trim();
        if (WithdrawalReview.ReasonProblem(Reason) is { } problem)
        {
            Error = problem;
            return await LoadAsync(id) ? Page() : NotFound();
        }
        return await ActAsync(id, () => decisions.RejectAsync(id, Staff, Reason, Ct), "已退回");
    }

    private async Task<IActionResult> ActAsync(long id, Func<Task<DecisionOutcome>> act, string done)
    {
        var outcome = await act();
        log.LogInformation("Withdrawal {WithdrawalId} decision by staff: {Outcome}", id, outcome);
        if (outcome == DecisionOutcome.NotFound) return NotFound();
        if (outcome == DecisionOutcome.Done) Notice = done;
        else if (outcome == DecisionOutcome.AccountNoLongerEligible)
            Error = "提交后账户已冻结、销户或新增公积金贷款，不能审核通过；请退回并注明原因";
        else Error = "该申请状态已变化（可能已由其他柜员处理），请查看最新状态";
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id)
    {
        if (await applications.GetAsync(id, null, Ct) is not { } application) return false;
        Application = application;
        Account = (await accounts.GetAsync(application.Grzh, Ct))!;
        if (application.MaterialId is { } m) Material = await materials.GetAsync(application.Grzh, m, Ct);
        Documents = await materials.ApplicationDocumentsAsync(id, Ct);
        if (application.Withdrawal.Status == WithdrawalStatus.Submitted)
            Eligibility = WithdrawalEligibility.Check(application.Withdrawal.Type, Account, await loans.GetByAccountAsync(Account.Grzh, Ct),
                WithdrawalClock.Today(time), Documents.Any(d => d.Kind == DocumentKind.RetirementCertificate));
        History = await audit.ForTargetAsync(AuditTrail.Withdrawal(id), Ct);
        return true;
    }
}
