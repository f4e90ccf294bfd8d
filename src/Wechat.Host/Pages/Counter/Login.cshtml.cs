using System.Security.Claims;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Wechat.Host.Counter;

namespace Wechat.Host.Pages.Counter;

/// <summary>Counter staff sign-in: its own cookie scheme, rate-limited per address, every attempt audited.</summary>
[EnableRateLimiting(CounterAuth.LoginRateLimit)]
public sealed class LoginModel(CounterStaffStore staff, AuditTrail audit, ILogger<LoginModel> log) : PageModel
{
    [BindProperty] public string Username { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var username = Username.Trim();
        if (username.Length is 0 or > 32) { Error = "用户名或密码错误"; return Page(); }
        var member = await staff.FindAsync(username, ct);
        var verified = member is not null
            && new PasswordHasher<string>().VerifyHashedPassword(member.Username, member.PasswordHash, Password) != PasswordVerificationResult.Failed;
        await audit.WriteAsync(AuditTrail.Staff(username), verified ? "staff.login" : "staff.login-failed", "counter", "", ct);
        if (!verified)
        {
            log.LogWarning("Counter login failed");
            Error = "用户名或密码错误";
            return Page();
        }
        var role = member!.Role == CounterRole.Supervisor ? CounterAuth.SupervisorRole : CounterAuth.ClerkRole;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, member.Username), new Claim("display_name", member.DisplayName), new Claim(ClaimTypes.Role, role)],
            CounterAuth.Scheme);
        await HttpContext.SignInAsync(CounterAuth.Scheme, new ClaimsPrincipal(identity));
        return LocalRedirect(ReturnUrl is { } r && r.StartsWith("/counter", StringComparison.Ordinal) && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/counter");
    }
}
