using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Counter;

/// <summary>
/// Re-checks every counter request's cookie against the staff row: the member must still exist, be enabled, hold
/// the role the cookie claims and carry the row's current security stamp (a new password, a disabling or a role
/// change replaces it, which signs the member out everywhere); and the cookie must be younger than the absolute
/// lifetime however busy it has been. A refused cookie is deleted and the refusal audited.
/// </summary>
/// <remarks>One primary-key read per console request: the console's traffic is small and a disabled clerk's very
/// next click must already fail.</remarks>
public sealed class StaffCookieEvents(CounterStaffStore staff, AuditTrail audit, TimeProvider clock,
    IOptions<CounterSessionOptions> options, ILogger<StaffCookieEvents> log) : CookieAuthenticationEvents
{
    public const string StampClaim = "security_stamp";
    public const string SignedInClaim = "signed_in_at";

    public static IEnumerable<Claim> SessionClaims(CounterStaff member, DateTimeOffset now) =>
    [
        new(StampClaim, member.SecurityStamp),
        new(SignedInClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var username = principal?.Identity?.Name ?? "";
        var problem = await ProblemAsync(principal, username, context.HttpContext.RequestAborted);
        if (problem is null) return;
        log.LogWarning("Counter session refused: {Problem}", problem);
        await audit.WriteAsync(AuditTrail.Staff(username.Length is > 0 and <= 32 ? username : "?"), "staff.session-refused", "counter", problem,
            context.HttpContext.RequestAborted);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CounterAuth.Scheme);
    }

    private async Task<string?> ProblemAsync(ClaimsPrincipal? principal, string username, CancellationToken ct)
    {
        if (principal is null || username.Length == 0) return "no name";
        if (!long.TryParse(principal.FindFirstValue(SignedInClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var signedIn)
            || clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(signedIn) > options.Value.AbsoluteLifetime)
            return "absolute lifetime over";
        var member = await staff.FindAsync(username, ct);
        if (member is null) return "no such member";
        if (!member.Enabled) return "member disabled";
        var role = member.Role == CounterRole.Supervisor ? CounterAuth.SupervisorRole : CounterAuth.ClerkRole;
        if (principal.FindFirstValue(ClaimTypes.Role) != role) return "role changed";
        var stamp = principal.FindFirstValue(StampClaim) ?? "";
        if (member.SecurityStamp.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stamp), Encoding.ASCII.GetBytes(member.SecurityStamp)))
            return "security stamp changed";
        return null;
    }
}

/// <summary><c>Counter:IdleMinutes</c> (sliding, default 30) and <c>Counter:AbsoluteHours</c> (default 10).</summary>
public sealed class CounterSessionOptions
{
    public const string Section = "Counter";
    public int IdleMinutes { get; set; } = 30;
    public int AbsoluteHours { get; set; } = 10;
    public TimeSpan AbsoluteLifetime => TimeSpan.FromHours(AbsoluteHours);
}
