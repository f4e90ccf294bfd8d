using Fund.Core.Certificates;
using Fund.Data.Certificates;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.Counter;

/// <summary>
/// 证明查询: a clerk looks up a certificate by the serial printed on it (a bank phones to check one) and sees what it
/// says, its state and its trail (issue, views of /verify, revocation). The look-up itself is audited.
/// </summary>
public sealed class CertificatesModel(CertificateIssuer issuer, ICertificateStore store, AuditTrail audit) : PageModel
{
    public string Serial { get; private set; } = "";
    public string? Error { get; private set; }
    public Certificate? Found { get; private set; }
    public CertificateState State { get; private set; }
    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    public async Task OnGetAsync(string? serial)
    {
        Serial = (serial ?? "").Trim().ToUpperInvariant();
        if (Serial.Length == 0) return;
        var ct = HttpContext.RequestAborted;
        if (!CertificateIssuer.LooksLikeSerial(Serial)) { Error = "证明编号为 ZM 加 16 位数字，请核对后重新输入。"; return; }
        Found = await store.FindBySerialAsync(Serial, ct);
        if (Found is null) { Error = "没有这个编号的证明。"; return; }
        State = issuer.StateOf(Found);
        await audit.WriteAsync(AuditTrail.Staff(User.Identity?.Name ?? "?"), "proof.lookup", MySqlCertificateStore.Target(Serial), "", ct);
        Trail = await audit.ForTargetAsync(MySqlCertificateStore.Target(Serial), ct);
    }
}
