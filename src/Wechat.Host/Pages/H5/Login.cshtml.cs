using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>登录 (bind): ID number or 个人账号 plus the online-hall password binds the session's OpenID to the account.</summary>
public sealed class LoginModel(IAccountStore accounts, MySqlCitizenLoginStore logins, IBindingStore bindings,
    CitizenPasswords passwords, LoginLockout lockout, ILogger<LoginModel> log) : PageModel
{
    [BindProperty] public string AccountOrId { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    public void OnGet(string? notice) => Notice = notice switch
    {
        "unbound" => "已解除绑定。",
        "reset" => "密码已重置，请使用新密码登录。",
        _ => null,
    };

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var key = (AccountOrId ?? "").Trim();
        var account = key.Length == 12 && key.All(char.IsAsciiDigit) ? await accounts.GetAsync(key, ct)
            : IdNumber.IsValid(key) ? await accounts.FindByIdNumberAsync(key, ct)
            : null;
        var login = account is null ? null : await logins.GetAsync(account.Grzh, ct);
        if (account is null || login is null)
        {
            Error = account is null ? "账号或密码错误" : "该账户尚未注册网上服务，请先注册";
            return Page();
        }
        var attempt = await lockout.BeginAsync(account.Grzh);
        if (attempt.Locked)
        {
            Error = "密码错误次数过多，账户已锁定15分钟，请稍后再试或通过“忘记密码”重置";
            return Page();
        }
        if (!passwords.Verify(account.Grzh, login.PasswordHash, Password))
        {
            var left = attempt.TriesLeftIfWrong;
            Error = left > 0 ? $"账号或密码错误，还可尝试{left}次" : "密码错误次数过多，账户已锁定15分钟";
            return Page();
        }
        await lockout.ClearAsync(account.Grzh);
        await bindings.BindAsync(H5Session.Of(HttpContext).OpenId, account.Grzh, ct);
        log.LogInformation("OpenID bound to an account by login");
        return Redirect(ReturnUrl is { } r && OAuthCallback.IsOwnPage(r) ? r : "/h5/account");
    }
}
