using Fund.Core.Accounts;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5.Withdraw;

/// <summary>One application's progress, found only among the bound account's own: another's id is simply not found.</summary>
public sealed class StatusModel(AccountQuery accounts, MySqlApplicationStore applications, MySqlMaterialStore materials)
    : BoundAccountPage(accounts)
{
    protected override bool NeedsAccountRow => false;

    public WithdrawalApplication Application { get; private set; } = null!;
    public WithdrawalMaterial? Material { get; private set; }
    public IReadOnlyList<WithdrawalDocument> Documents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        if (await applications.GetAsync(id, Grzh, ct) is not { } application) return NotFound();
        Application = application;
        if (application.MaterialId is { } m)
        {
            Material = await materials.GetAsync(Grzh, m, ct);
            Documents = await materials.DocumentsAsync(m, ct);
        }
        return Page();
    }
}
