using System.Globalization;
using Fund.Core;
using Fund.Core.Accounts;
using Fund.Core.Certificates;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.Certificates;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>
/// 缴存证明: the citizen issues a 缴存证明 or a 明细账 as a PDF, downloads it again, sees each one's state and revokes
/// one. Only ever the bound account's certificates: a serial of someone else's finds nothing here.
/// </summary>
public sealed class CertificateModel(AccountQuery accounts, CertificateIssuer issuer, CertificateDocuments documents,
    CitizenAccessChanges access, TimeProvider time) : BoundAccountPage(accounts)
{
    [BindProperty] public CertificateKind Kind { get; set; } = CertificateKind.Deposit;
    [BindProperty] public CertificatePurpose Purpose { get; set; } = CertificatePurpose.Loan;
    [BindProperty] public bool IncludeBalance { get; set; }
    // Nullable: a 缴存证明's form may leave the months out, and a missing field must not fail model binding.
    [BindProperty] public string? FromMonth { get; set; }
    [BindProperty] public string? ToMonth { get; set; }

    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>The certificate just issued, offered for download at the top.</summary>
    public Certificate? Issued { get; private set; }
    public IReadOnlyList<Certificate> Certificates { get; private set; } = [];
    public CertificateOptions Options => issuer.Options;
    public string ThisMonth => Month(CentreClock.Today(time));

    public CertificateState StateOf(Certificate c) => issuer.StateOf(c);

    public async Task OnGetAsync(string? issued, string? revoked)
    {
        NoStore();
        await ListAsync();
        Issued = Certificates.FirstOrDefault(c => c.Serial == issued);
        if (revoked is not null && Certificates.Any(c => c.Serial == revoked && c.RevokedAt is not null))
            Notice = $"证明 {revoked} 已撤销，扫码核验将显示“已撤销”。";
        Defaults();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        NoStore();
        var request = new CertificateRequest(Kind, Purpose, IncludeBalance,
            CertificateRequest.ParseMonth(FromMonth), CertificateRequest.ParseMonth(ToMonth));
        if (!ModelState.IsValid) Error = "请选择证明类型和用途。";
        else if (Kind == CertificateKind.Statement && (request.FromMonth is null || request.ToMonth is null)) Error = "请选择明细账的起止年月。";
        else
        {
            var result = await issuer.IssueAsync(Account, request, Origin(), HttpContext.RequestAborted);
            if (result.Issued is { } done) return Redirect("?issued=" + done.Certificate.Serial);
            Error = result.Refusal;
        }
        await ListAsync();
        return Page();
    }

    /// <summary>The PDF of one of the account's own certificates, drawn again from what was fixed at its issue.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string? serial)
    {
        NoStore();
        if (!CertificateIssuer.LooksLikeSerial(serial)) return NotFound();
        var own = await issuer.OwnAsync(Grzh, serial!, HttpContext.RequestAborted);
        if (own is null) return NotFound();
        var name = CertificateDocuments.FileName(own.Certificate);
        Response.Headers.ContentDisposition = $"inline; filename=\"{own.Certificate.Serial}.pdf\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
        return File(documents.Pdf(own), "application/pdf");
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? serial)
    {
        NoStore();
        if (CertificateIssuer.LooksLikeSerial(serial) && await issuer.RevokeAsync(Grzh, serial!, Origin(), HttpContext.RequestAborted))
            return Redirect("?revoked=" + serial);
        Error = "没有找到可以撤销的这份证明。";
        await ListAsync();
        Defaults();
        return Page();
    }

    private async Task ListAsync() => Certificates = await issuer.ListAsync(Grzh, HttpContext.RequestAborted);

    private void Defaults()
    {
        var today = CentreClock.Today(time);
        var opened = Account.OpenedOn;
        var from = new DateOnly(today.Year - 1, today.Month, 1);
        if (from < new DateOnly(opened.Year, opened.Month, 1)) from = new DateOnly(opened.Year, opened.Month, 1);
        if (string.IsNullOrEmpty(FromMonth)) FromMonth = Month(from);
        if (string.IsNullOrEmpty(ToMonth)) ToMonth = Month(today);
    }

    /// <summary>The audit's actor: the WeChat user as its keyed hash; in another channel (no OpenID) the account.</summary>
    private CertificateOrigin Origin() => new(
        H5Session.Find(HttpContext) is { } session ? access.AuditId(session.OpenId) : AuditTrail.Citizen(Grzh),
        HttpContext.ClientAddress());

    private void NoStore() => Response.Headers.CacheControl = "no-store";

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
