using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>
/// 登录 (bind): ID number or 个人账号 plus the online-hall password (checked as every channel checks it,
/// <see cref="PasswordSignIn"/>) binds the session's OpenID to the account.
/// </summary>
public sealed class LoginModel(PasswordSignIn signIn, CitizenAccessChanges changes, SessionRenewal renewal,
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
        var origin = HttpContext.Origin();
        var check = await signIn.CheckAsync(AccountOrId, Password, origin, ct);
        if (!check.Succeeded)
        {
            Error = check.Error;
            return Page();
        }
        var grzh = check.Grzh!;
        var moved = await changes.BindAsync(grzh, origin, ct);
        await renewal.RenewAsync(HttpContext);
        log.LogInformation("OpenID bound to an account by login; another WeChat user lost it: {Moved}", moved is not null);
        var next = ReturnUrl is { } r && OAuthCallback.IsOwnPage(r) ? r : "/h5/account";
        if (moved is null) return Redirect(next);
        MovedContinueUrl = next;
        MovedNoticeSent = templates.CurrentValue.IdFor(TemplateKeys.AccountSecurity) is { Length: > 0 };
        return Page();
    }
}
