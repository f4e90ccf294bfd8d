using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Fund.Core.Employers;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Unit;

/// <summary>
/// Re-checks every employer-hall request's cookie, as <see cref="Counter.StaffCookieEvents"/> does the counter's: the
/// operator row must exist for the cookie's employer, be active and carry the cookie's security stamp (disabling,
/// enabling and a new password replace it); a certificate session's certificate must still be usable (not revoked,
/// not expired); and the cookie must be younger than <see cref="UnitHallOptions.SessionAbsoluteHours"/> however busy.
/// A refused cookie is deleted and the refusal audited.
/// </summary>
/// <remarks>One or two primary-key reads per hall request: a disabled operator's very next click must already fail.</remarks>
public sealed class UnitCookieEvents(EmployerOperatorStore operators, CertificateStore certificates, AuditTrail audit, TimeProvider clock,
    IOptions<UnitHallOptions> options, ILogger<UnitCookieEvents> log) : CookieAuthenticationEvents
{
    public const string StampClaim = "security_stamp";
    public const string SignedInClaim = "signed_in_at";

    public static IEnumerable<Claim> SessionClaims(EmployerOperator op, DateTimeOffset now) =>
    [
        new(StampClaim, op.SecurityStamp),
        new(SignedInClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var operatorId = principal?.OperatorId() ?? 0;
        var problem = await ProblemAsync(principal, operatorId, context.HttpContext.RequestAborted);
        if (problem is null) return;
        log.LogWarning("Employer hall session refused: {Problem}", problem);
        await audit.WriteAsync(EmployerOperatorStore.Actor(operatorId), "operator.session-refused", EmployerOperatorStore.Target(operatorId),
            problem, context.HttpContext.RequestAborted);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(UnitAuth.Scheme);
    }

    private async Task<string?> ProblemAsync(ClaimsPrincipal? principal, long operatorId, CancellationToken ct)
    {
        if (principal is null || operatorId == 0) return "no operator";
        var now = clock.GetUtcNow();
        if (!long.TryParse(principal.FindFirstValue(SignedInClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var signedIn)
            || now - DateTimeOffset.FromUnixTimeSeconds(signedIn) > TimeSpan.FromHours(options.Value.SessionAbsoluteHours))
            return "absolute lifetime over";
        var op = await operators.GetAsync(operatorId, ct);
        if (op is null || op.Dwzh != principal.Dwzh()) return "no such operator";
        if (!op.Active) return "operator disabled";
        var stamp = principal.FindFirstValue(StampClaim) ?? "";
        if (op.SecurityStamp.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stamp), Encoding.ASCII.GetBytes(op.SecurityStamp)))
            return "security stamp changed";
        if (principal.SignedInWithCertificate()
            && !await certificates.IsUsableForAsync(principal.FindFirstValue(UnitAuth.SerialClaim) ?? "", operatorId, now, ct))
            return "certificate revoked or expired";
        return null;
    }
}
