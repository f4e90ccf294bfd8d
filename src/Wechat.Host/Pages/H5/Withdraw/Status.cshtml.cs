using Fund.Core.Accounts;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5.Withdraw;

/// <summary>
/// One application's progress, found only among the bound account's own: another's id is simply not found. Before a
/// clerk decides, the citizen may cancel it (撤销) and change the material, documents or card for a new one.
/// </summary>
public sealed class StatusModel(AccountQuery accounts, MySqlApplicationStore applications, MySqlMaterialStore materials,
    WithdrawalDecisions decisions, ILogger<StatusModel> log) : BoundAccountPage(accounts)
{
    protected override bool NeedsAccountRow => false;

    public WithdrawalApplication Application { get; private set; } = null!;
    public WithdrawalMaterial? Material { get; private set; }
    public IReadOnlyList<WithdrawalDocument> Documents { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(long id)
    {
        var outcome = await decisions.CancelAsync(id, Grzh, HttpContext.RequestAborted);
        log.LogInformation("Withdrawal {WithdrawalId} cancel by citizen: {Outcome}", id, outcome);
        if (outcome == DecisionOutcome.NotFound) return NotFound();
        if (outcome == DecisionOutcome.Done) return Redirect($"/h5/withdraw/status/{id}");
        Error = $"柜台已开始处理该申请，不能撤销；如有疑问请拨打{Fund.Core.CentreContact.Hotline}";
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        if (await applications.GetAsync(id, Grzh, ct) is not { } application) return false;
        Application = application;
        if (application.MaterialId is { } m) Material = await materials.GetAsync(Grzh, m, ct);
        Documents = await materials.ApplicationDocumentsAsync(id, ct);
        return true;
    }
}
