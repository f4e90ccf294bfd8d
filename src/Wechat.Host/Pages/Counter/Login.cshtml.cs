using System.Security.Claims;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Counter;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.Counter;

/// <summary>
/// Counter staff sign-in: its own cookie scheme, rate-limited per address, and locked per username after five wrong
/// passwords (the one lockout, <see cref="SignInGuard"/>, shared by every instance through Redis, so guesses spread
/// over many addresses or instances still stop); every attempt audited.
/// An unknown name costs the same hash work as a known one, and a disabled member gets the same answer as a wrong
/// password. The cookie carries the member's security stamp and sign-in time, re-checked on every request
/// (<see cref="StaffCookieEvents"/>).
/// </summary>
public sealed class LoginModel(CounterStaffStore staff, StaffPasswords passwords, AuditTrail audit, SignInRefusals refusals, SignInGuard guard,
    TimeProvider clock, ILogger<LoginModel> log) : PageModel
{
    [BindProperty] public string Username { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!await guard.PostAllowedAsync("counter", HttpContext.ClientAddress())) return StatusCode(StatusCodes.Status429TooManyRequests);
        var username = Username.Trim();
        if (username.Length is 0 or > 32) { Error = "用户名或密码错误"; return Page(); }
        // Counted whether or not the name exists, so the lock does not tell which names do.
        var attempt = await guard.BeginAsync(SignInStep.Staff, username.ToLowerInvariant(), null, HttpContext.ClientAddress());
        if (!attempt.Allowed)
        {
            await refusals.RecordAsync("staff.login-locked", AuditTrail.Staff(username), null, HttpContext.ClientAddress(), "", ct);
            Error = SignInMessages.Refused(attempt.Verdict, "密码错误次数过多，该用户已锁定15分钟");
            return Page();
        }
        var member = await staff.FindAsync(username, ct);
        var verified = passwords.Verify(member, username, Password);
        var disabled = verified && !member!.Enabled;
        if (!verified || disabled)
        {
            await refusals.RecordAsync(disabled ? "staff.login-disabled" : "staff.login-failed", AuditTrail.Staff(username), null,
                HttpContext.ClientAddress(), "", ct);
            await guard.FailedAsync(attempt);
            log.LogWarning("Counter login failed");
            Error = "用户名或密码错误";
            return Page();
        }
        await guard.SucceededAsync(attempt);
        await audit.WriteAsync(AuditTrail.Staff(username), "staff.login", "counter", "", ct);
        var role = member!.Role == CounterRole.Supervisor ? CounterAuth.SupervisorRole : CounterAuth.ClerkRole;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, member.Username), new Claim("display_name", member.DisplayName), new Claim(ClaimTypes.Role, role),
             ..StaffCookieEvents.SessionClaims(member, clock.GetUtcNow())],
            CounterAuth.Scheme);
        await HttpContext.SignInAsync(CounterAuth.Scheme, new ClaimsPrincipal(identity));
        return LocalRedirect(ReturnUrl is { } r && r.StartsWith("/counter", StringComparison.Ordinal) && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/counter");
    }
}
