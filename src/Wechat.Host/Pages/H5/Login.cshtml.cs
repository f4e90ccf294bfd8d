using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>
/// 登录 (bind): ID number or 个人账号 plus the online-hall password binds the session's OpenID to the account. Every
/// failure reads the same whether the identifier names no account, an unregistered one or a registered one, and
/// counts against the client address, the OpenID and the identifier (<see cref="SignInGuard"/>).
/// </summary>
public sealed class LoginModel(IAccountStore accounts, MySqlCitizenLoginStore logins, CitizenAccessChanges changes,
    CitizenPasswords passwords, SignInGuard guard, SessionRenewal renewal,
    Microsoft.Extensions.Options.IOptionsMonitor<Wechat.Host.Withdrawals.TemplateOptions> templates, ILogger<LoginModel> log) : PageModel
{
    [BindProperty] public string AccountOrId { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>Set after a sign-in that took the account from another WeChat user: the page says so before going on.</summary>
    public string? MovedContinueUrl { get; private set; }

    /// <summary>
    /// Whether the old WeChat's notice can go out: only with the account-security template configured does the page
    /// say it will be told (without one the outbox can never deliver it).
    /// </summary>
    public bool MovedNoticeSent { get; private set; }

    public void OnGet(string? notice) => Notice = notice switch
    {
        "unbound" => "已解除绑定。",
        "reset" => "密码已重置。原先绑定该账户的微信已解除绑定，请使用新密码登录。",
        _ => null,
    };

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var key = (AccountOrId ?? "").Trim();
        if (key.Length == 0 || string.IsNullOrEmpty(Password))
        {
            Error = key.Length == 0 ? "请输入身份证号或个人账号" : "请输入密码";
            return Page();
        }
        var account = key.Length == 12 && key.All(char.IsAsciiDigit) ? await accounts.GetAsync(key, ct)
            : IdNumber.IsValid(key) ? await accounts.FindByIdNumberAsync(key, ct)
            : null;
        var login = account is null ? null : await logins.GetAsync(account.Grzh, ct);
        var grzh = login is null ? null : account!.Grzh;
        var origin = HttpContext.Origin();

        var attempt = await guard.BeginAsync(SignInStep.Password, grzh ?? guard.UnknownSubject(key), origin.OpenId, origin.ClientAddress);
        if (!attempt.Allowed)
        {
            Error = SignInMessages.Refused(attempt.Verdict, SignInMessages.PasswordLocked);
            await changes.SignInFailedAsync(grzh, attempt.Verdict.ToString().ToLowerInvariant(), origin, ct);
            return Page();
        }
        var right = grzh is null ? passwords.VerifyNothing(Password) : passwords.Verify(grzh, login!.PasswordHash, Password);
        if (!right)
        {
            await guard.FailedAsync(attempt);
            Error = SignInMessages.WrongLoginWithTries(attempt.TriesLeftIfWrong);
            await changes.SignInFailedAsync(grzh, "wrong password", origin, ct);
            return Page();
        }
        await guard.SucceededAsync(attempt);
        var moved = await changes.BindAsync(grzh!, origin, ct);
        await renewal.RenewAsync(HttpContext);
        log.LogInformation("OpenID bound to an account by login; another WeChat user lost it: {Moved}", moved is not null);
        var next = ReturnUrl is { } r && OAuthCallback.IsOwnPage(r) ? r : "/h5/account";
        if (moved is null) return Redirect(next);
        MovedContinueUrl = next;
        MovedNoticeSent = templates.CurrentValue.IdFor(TemplateKeys.AccountSecurity) is { Length: > 0 };
        return Page();
    }
}
