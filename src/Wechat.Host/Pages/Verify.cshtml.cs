using Fund.Core.Certificates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Certificates;
using Wechat.Host.H5;

namespace Wechat.Host.Pages;

/// <summary>
/// Where a certificate's QR code leads: anyone, no sign-in. Says 有效 / 已过期 / 已撤销 / 无效 and, for a valid one,
/// the facts as printed, so the reader can compare them with the paper. Limited per address; every view audited.
/// </summary>
public sealed class VerifyModel(CertificateIssuer issuer, VerifyLimit limit) : PageModel
{
    public Verification Result { get; private set; } = new(CertificateState.Invalid, null);

    public async Task<IActionResult> OnGetAsync(string? token)
    {
        if (!await limit.AllowedAsync(HttpContext.ClientAddress())) return StatusCode(StatusCodes.Status429TooManyRequests);
        // The page shows a name and is reached by a secret in its URL: not cached, not indexed, never in a Referer.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Result = await issuer.VerifyAsync(token, HttpContext.ClientAddress(), HttpContext.RequestAborted);
        return Page();
    }
}
