using Fund.Core.Accounts;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5.Settings;

/// <summary>修改密码: the old password (counted toward the lockout) and a new one twice.</summary>
public sealed class PasswordModel(AccountQuery accounts, MySqlCitizenLoginStore logins, CitizenPasswords passwords,
    LoginLockout lockout, ILogger<PasswordModel> log) : BoundAccountPage(accounts)
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
        var attempt = await lockout.BeginAsync(Account.Grzh);
        if (attempt.Locked)
        {
            Error = "错误次数过多，账户已锁定15分钟，请稍后再试";
            return Page();
        }
        if (!passwords.Verify(Account.Grzh, login.PasswordHash, OldPassword ?? ""))
        {
            Error = attempt.TriesLeftIfWrong > 0 ? $"原密码错误，还可尝试{attempt.TriesLeftIfWrong}次" : "错误次数过多，账户已锁定15分钟";
            return Page();
        }
        // The old password was right: the attempt is forgiven whatever is wrong with the new one.
        await lockout.ClearAsync(Account.Grzh);
        if (CitizenPasswords.Problem(NewPassword) is { } problem) Error = problem;
        else if (NewPassword != ConfirmPassword) Error = "两次输入的新密码不一致";
        else
        {
            await logins.SetPasswordHashAsync(Account.Grzh, passwords.Hash(Account.Grzh, NewPassword), ct);
            log.LogInformation("Online-hall password changed");
            Changed = true;
        }
        return Page();
    }
}
