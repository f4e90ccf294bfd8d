using Fund.Core.OperatorCertificates;
using System.Globalization;
using System.Security.Claims;
using Fund.Core.Validation;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.H5;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit;

/// <summary>
/// The hall's sign-in. 单位账号 + the operator's ID number + password gives a query-only session (rate-limited per
/// address, locked per operator after five wrong passwords, every attempt audited; an unknown operator costs the same
/// hash work as a known one). The cookie carries the operator's security stamp and sign-in time, re-checked on every
/// request (<see cref="UnitCookieEvents"/>). A client certificate from the
/// centre's CA, presented on the hall's TLS port, gives a transacting session bound to that certificate's serial.
/// </summary>
public sealed class IndexModel(EmployerOperatorStore operators, CertificateStore certificates, AuditTrail audit, SignInRefusals refusals, SignInGuard guard,
    Wechat.Host.Counter.StaffPasswords passwords,
    Fund.Data.Security.SensitiveData sensitive, TimeProvider time, ILogger<IndexModel> log) : PageModel
{
    [BindProperty] public string Dwzh { get; set; } = "";
    [BindProperty] public string IdNumber { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    public string? Error { get; private set; }
    public string? PresentedCertificate => HttpContext.Connection.ClientCertificate?.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false);

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true && User.Dwzh().Length > 0 && (PresentedCertificate is null || User.SignedInWithCertificate())
            ? Redirect("/unit/home") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!await guard.PostAllowedAsync("unit", HttpContext.ClientAddress())) return StatusCode(StatusCodes.Status429TooManyRequests);
        if (MissingCredentials() is { } missing) { Error = missing; return Page(); }
        var dwzh = Dwzh.Trim();
        var id = Fund.Core.Validation.IdNumber.Normalize(IdNumber);
        if (dwzh.Length != 12 || !Fund.Core.Validation.IdNumber.IsValid(id)) { Error = "单位账号、身份证号或密码错误"; return Page(); }
        // The lock key names the operator by the blind index of the ID number, never the number itself.
        var subject = dwzh + ":" + Convert.ToHexString(sensitive.BlindIndex(Fund.Data.Security.SensitiveField.IdNumber, id))[..16];
        var attempt = await guard.BeginAsync(SignInStep.Operator, subject, null, HttpContext.ClientAddress());
        if (!attempt.Allowed)
        {
            await refusals.RecordAsync("operator.login-locked", "unit:" + dwzh, null, HttpContext.ClientAddress(), "", ct);
            Error = SignInMessages.Refused(attempt.Verdict, "密码错误次数过多，已锁定15分钟");
            return Page();
        }
        var op = await operators.FindAsync(dwzh, id, ct);
        // The hash runs for an unknown or disabled operator too (against the dummy hash): the answer's time must not
        // tell which 单位账号 + ID number pairs exist.
        var verified = passwords.VerifyStored(dwzh, op?.PasswordHash, Password) && op!.Active;
        if (!verified)
        {
            await refusals.RecordAsync("operator.login-failed", op is null ? "unit:" + dwzh : EmployerOperatorStore.Actor(op.Id), null,
                HttpContext.ClientAddress(), "method=password", ct);
            await guard.FailedAsync(attempt);
            log.LogWarning("Employer hall password sign-in failed");
            Error = "单位账号、身份证号或密码错误";
            return Page();
        }
        await guard.SucceededAsync(attempt);
        await audit.WriteAsync(EmployerOperatorStore.Actor(op!.Id), "operator.login", "unit", "method=password", ct);
        await SignInAsync(op!, UnitAuth.PasswordMethod, null);
        return Redirect("/unit/home");
    }

    public async Task<IActionResult> OnPostCertificateAsync()
    {
        var ct = HttpContext.RequestAborted;
        var cert = HttpContext.Connection.ClientCertificate;
        var found = cert is null ? null : await certificates.FindUsableAsync(cert.SerialNumber, CentreAuthority.Thumbprint(cert), time.GetUtcNow(), ct);
        var op = found is null ? null : await operators.GetAsync(found.OperatorId, ct);
        if (found is null || op is null)
        {
            await refusals.RecordAsync("operator.login-failed", "unit:certificate", null, HttpContext.ClientAddress(),
                "method=ca serial=" + (cert?.SerialNumber ?? "none"), ct);
            Error = "数字证书无效或已注销，请联系公积金中心";
            return Page();
        }
        await audit.WriteAsync(EmployerOperatorStore.Actor(op.Id), "operator.login", "unit", "method=ca serial=" + found.Serial, ct);
        await SignInAsync(op, UnitAuth.CertificateMethod, found.Serial);
        return Redirect("/unit/home");
    }

    /// <summary>An empty form is no wrong password: ask for what is missing (nothing is tried, counted or audited).</summary>
    private string? MissingCredentials()
    {
        var missing = new[] { (Dwzh, "单位账号"), (IdNumber, "身份证号"), (Password, "密码") }
            .Where(f => string.IsNullOrWhiteSpace(f.Item1)).Select(f => f.Item2).ToList();
        return missing.Count switch
        {
            0 => null,
            1 => "请输入" + missing[0],
            _ => "请输入" + string.Join("、", missing[..^1]) + "和" + missing[^1],
        };
    }

    private Task SignInAsync(Fund.Core.Employers.EmployerOperator op, string method, string? serial)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Name, op.Name), new(UnitAuth.DwzhClaim, op.Dwzh),
            new(UnitAuth.OperatorIdClaim, op.Id.ToString(CultureInfo.InvariantCulture)), new(UnitAuth.MethodClaim, method),
            ..UnitCookieEvents.SessionClaims(op, time.GetUtcNow()),
        ];
        if (serial is not null) claims.Add(new Claim(UnitAuth.SerialClaim, serial));
        return HttpContext.SignInAsync(UnitAuth.Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, UnitAuth.Scheme)));
    }
}
