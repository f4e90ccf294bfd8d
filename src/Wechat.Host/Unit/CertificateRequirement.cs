using Fund.Core.OperatorCertificates;
using System.Security.Claims;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Authorization;

namespace Wechat.Host.Unit;

/// <summary>A transaction needs the operator's own client certificate on this very request, not revoked.</summary>
public sealed class CertificateRequirement : IAuthorizationRequirement;

/// <summary>
/// Checks the certificate the TLS connection presented against the database on every request: serial and
/// thumbprint known, not revoked, not expired, its operator active, and the same operator and employer as the
/// signed-in session. A password session never passes, whatever cookie it holds.
/// </summary>
public sealed class CertificateRequirementHandler(CertificateStore certificates, IHttpContextAccessor http, TimeProvider time)
    : AuthorizationHandler<CertificateRequirement>
{
    public const string TransactorItem = "unit.transactor";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CertificateRequirement requirement)
    {
        if (http.HttpContext is not { } httpContext) return;
        var transactor = await VerifyAsync(httpContext, context.User, certificates, time);
        if (transactor is null) return;
        httpContext.Items[TransactorItem] = transactor;
        context.Succeed(requirement);
    }

    internal static async Task<Transactor?> VerifyAsync(HttpContext httpContext, ClaimsPrincipal user, CertificateStore certificates, TimeProvider time)
    {
        var cert = httpContext.Connection.ClientCertificate;
        if (cert is null || user.FindFirstValue(UnitAuth.MethodClaim) != UnitAuth.CertificateMethod) return null;
        if (user.FindFirstValue(UnitAuth.SerialClaim) != cert.SerialNumber) return null;
        var found = await certificates.FindUsableAsync(cert.SerialNumber, CentreAuthority.Thumbprint(cert), time.GetUtcNow(), httpContext.RequestAborted);
        if (found is null
            || found.OperatorId.ToString(System.Globalization.CultureInfo.InvariantCulture) != user.FindFirstValue(UnitAuth.OperatorIdClaim)
            || found.Dwzh != user.FindFirstValue(UnitAuth.DwzhClaim)) return null;
        return new Transactor(found.OperatorId, found.Serial);
    }
}

public static class UnitUser
{
    public static string Dwzh(this ClaimsPrincipal user) => user.FindFirstValue(UnitAuth.DwzhClaim) ?? "";

    public static long OperatorId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(UnitAuth.OperatorIdClaim), out var id) ? id : 0;

    public static bool SignedInWithCertificate(this ClaimsPrincipal user) => user.FindFirstValue(UnitAuth.MethodClaim) == UnitAuth.CertificateMethod;

    /// <summary>The transactor the certificate check established for this request (pages under the transact policy only).</summary>
    public static Transactor Transactor(this HttpContext http) =>
        http.Items[CertificateRequirementHandler.TransactorItem] as Transactor
        ?? throw new InvalidOperationException("No verified certificate on this request.");
}
