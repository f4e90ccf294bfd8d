using Fund.Core.Accounts;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5.Settings;

/// <summary>
/// 修改密码: the old password and a new one twice. The new one is checked first (nothing secret in that); the old
/// one counts toward the bound citizen's own confirmation limit, not the sign-in lock an attacker can set.
/// </summary>
public sealed class PasswordModel(AccountQuery accounts, MySqlCitizenLoginStore logins, CitizenAccessChanges changes,
    CitizenPasswords passwords, SignInGuard guard, H5SessionStore sessions, ILogger<PasswordModel> log) : BoundAccountPage(accounts)
{
    [BindProperty] public string OldPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";
    public string? Error { get; private set; }
    public bool Changed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await logins.GetAsync(Account.Grzh, ct) is not { } login) return Redirect("/h5/register");
        Error = string.IsNullOrEmpty(OldPassword) ? "请输入原密码"
            : CitizenPasswords.Problem(NewPassword, Account) is { } problem ? problem
            : NewPassword != ConfirmPassword ? "两次输入的新密码不一致"
            : NewPassword == OldPassword ? "新密码不能与原密码相同"
            : null;
        if (Error is not null) return Page();

        var origin = HttpContext.Origin();
        var attempt = await guard.BeginAsync(SignInStep.Confirm, Account.Grzh, origin.OpenId, origin.ClientAddress);
        if (!attempt.Allowed)
        {
            Error = SignInMessages.Refused(attempt.Verdict, SignInMessages.ConfirmLocked);
            return Page();
        }
        if (!passwords.Verify(Account.Grzh, login.PasswordHash, OldPassword))
        {
            await guard.FailedAsync(attempt);
            Error = attempt.TriesLeftIfWrong > 0 ? $"原密码错误，还可尝试{attempt.TriesLeftIfWrong}次" : SignInMessages.ConfirmLocked;
            return Page();
        }
        await guard.SucceededAsync(attempt);
        await changes.ChangePasswordAsync(Account.Grzh, passwords.Hash(Account.Grzh, NewPassword), origin, ct);
        // Every other hall session of the account ends (whoever knew the old password may hold one); this one stays.
        await sessions.EndHallSessionsAsync(Account.Grzh, H5Session.Of(HttpContext));
        log.LogInformation("Online-hall password changed");
        Changed = true;
        return Page();
    }
}
