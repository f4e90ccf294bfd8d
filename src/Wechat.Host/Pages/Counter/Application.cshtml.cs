using Fund.Core.Accounts;
using Fund.Core.Loans;
using Fund.Core.Withdrawals;
using Fund.Core;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Wechat.Host.Withdrawals;

namespace Wechat.Host.Pages.Counter;

/// <summary>One application with its material, documents, the rules re-checked now, and the decisions a clerk can take.</summary>
public sealed class ApplicationModel(
    MySqlApplicationStore applications, MySqlMaterialStore materials, IAccountStore accounts, ILoanStore loans,
    WithdrawalDecisions decisions, MySqlBankCardStore cards, AuditTrail audit, MySqlWithdrawalStore withdrawals,
    IOptions<WithdrawalLimits> limits, TimeProvider time, ILogger<ApplicationModel> log) : PageModel
{
    public const int MaxReasonLength = WithdrawalReview.MaxReasonLength;

    public WithdrawalApplication Application { get; private set; } = null!;
    public PersonalAccount Account { get; private set; } = null!;
    public WithdrawalMaterial? Material { get; private set; }
    public IReadOnlyList<WithdrawalDocument> Documents { get; private set; } = [];
    public Eligibility? Eligibility { get; private set; }
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    /// <summary>Why the application's material would not be accepted today (租房, 购房, 还贷), or null.</summary>
    public string? MaterialProblem { get; private set; }
    public bool IsPartial => !Application.Withdrawal.Type.IsClosing();
    /// <summary>What approval pays, from Core's review: the amount asked, or the balance plus 销户结息 for a closing one.</summary>
    public Payout Payout { get; private set; } = new(0m, 0m);
    public decimal PayoutToConfirm => Payout.Total;
    [BindProperty] public string Reason { get; set; } = "";
    /// <summary>The amount the clerk saw on the confirmation; approval pays only if it is still the balance.</summary>
    [BindProperty] public decimal? ConfirmedAmount { get; set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>True while the approval waits for the clerk to confirm the amount.</summary>
    public bool ConfirmingApproval { get; private set; }
    /// <summary>The full card number, shown only after an audited request for the payment step.</summary>
    public string? RevealedCard { get; private set; }

    private string Staff => User.Identity!.Name!;
    private CancellationToken Ct => HttpContext.RequestAborted;

    // Post/redirect/get: a decision redirects to the page with one of these codes, so F5 only reloads the page.
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["approved"] = "已审核通过，已记销户提取并销户",
        ["approved-partial"] = "已审核通过，已记部分提取",
        ["rejected"] = "已退回，申请人将收到通知",
        ["paid"] = "已标记为已到账",
    };

    private static readonly Dictionary<string, string> Problems = new(StringComparer.Ordinal)
    {
        ["changed"] = "该申请状态已变化（可能已由其他柜员处理），请查看最新状态",
        ["payout"] = "支付金额在确认期间发生了变化，请重新核对后确认",
        ["ineligible"] = "提交后账户已冻结、销户、新增公积金贷款或余额已不足，不能审核通过；请退回并注明原因",
    };

    public async Task<IActionResult> OnGetAsync(long id, string? confirm, string? done, string? problem)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (done is not null) Notice = Notices.GetValueOrDefault(done);
        if (problem is not null) Error = Problems.GetValueOrDefault(problem);
        ConfirmingApproval = confirm == "approve" && Application.Withdrawal.Status == WithdrawalStatus.Submitted;
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        // The whole balance is paid out: approve only what the clerk confirmed, and ask again if it has changed.
        if (Application.Withdrawal.Status == WithdrawalStatus.Submitted && ConfirmedAmount != PayoutToConfirm)
        {
            ConfirmingApproval = true;
            Error = ConfirmedAmount is null
                ? "请核对支付金额后确认"
                : $"支付金额已变为 ¥{PayoutToConfirm:N2}，请重新核对后确认";
            return Page();
        }
        return await ActAsync(id, () => decisions.ApproveAsync(id, Staff, PayoutToConfirm, Ct), IsPartial ? "approved-partial" : "approved");
    }

    public Task<IActionResult> OnPostPaidAsync(long id) => ActAsync(id, () => decisions.MarkPaidAsync(id, Staff, Ct), "paid");

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
        Reason = (Reason ?? "").Trim();
        if (Reason.Length is 0 or > MaxReasonLength)
        {
            Error = Reason.Length == 0
                ? "请填写退回原因"
                : $"退回原因不能超过{MaxReasonLength}字（现为{Reason.Length}字），请精简后再提交";
            return await LoadAsync(id) ? Page() : NotFound();
        }
        return await ActAsync(id, () => decisions.RejectAsync(id, Staff, Reason, Ct), "rejected");
    }

    private async Task<IActionResult> ActAsync(long id, Func<Task<DecisionOutcome>> act, string done)
    {
        var outcome = await act();
        log.LogInformation("Withdrawal {WithdrawalId} decision by staff: {Outcome}", id, outcome);
        return outcome switch
        {
            DecisionOutcome.NotFound => NotFound(),
            DecisionOutcome.Done => RedirectToPage(new { id, done }),
            DecisionOutcome.AccountNoLongerEligible => RedirectToPage(new { id, problem = "ineligible" }),
            DecisionOutcome.PayoutChanged => RedirectToPage(new { id, confirm = "approve", problem = "payout" }),
            _ => RedirectToPage(new { id, problem = "changed" }),
        };
    }

    private async Task<bool> LoadAsync(long id)
    {
        if (await applications.GetAsync(id, null, Ct) is not { } application) return false;
        Application = application;
        Account = (await accounts.GetAsync(application.Grzh, Ct))!;
        if (application.MaterialId is { } m) Material = await materials.GetAsync(application.Grzh, m, Ct);
        Documents = await materials.ApplicationDocumentsAsync(id, Ct);
        if (application.Withdrawal.Status == WithdrawalStatus.Submitted)
        {
            var today = CentreClock.Today(time);
            var past = await withdrawals.GetPastAsync(Account.Grzh, Ct);
            Eligibility = WithdrawalEligibility.Check(application.Withdrawal.Type, Account, await loans.GetByAccountAsync(Account.Grzh, Ct),
                today, Documents.Any(d => d.Kind == DocumentKind.RetirementCertificate), past.Select(p => p.Withdrawal).ToList(), limits.Value);
            if (Material is not null) MaterialProblem = PartialWithdrawalRules.MaterialProblem(Material, past, today, limits.Value);
            Payout = await decisions.PayoutAsync(id, Ct) ?? Payout;
        }
        History = await audit.ForTargetAsync(AuditTrail.Withdrawal(id), Ct);
        return true;
    }
}
