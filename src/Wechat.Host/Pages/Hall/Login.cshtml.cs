using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.H5;
using Wechat.Host.Hall;
using Wechat.Host.Sms;

namespace Wechat.Host.Pages.Hall;

/// <summary>
/// The hall's sign-in: 身份证号 or 个人账号 + password, checked as H5 checks it (<see cref="PasswordSignIn"/>); then,
/// from a browser this account has not remembered, a code to the phone on record. A proven browser is remembered for
/// 30 days (<see cref="RememberedBrowsers"/>) and the bound WeChat, if any, is told of the new browser.
/// </summary>
public sealed class LoginModel(PasswordSignIn signIn, RememberedBrowsers browsers, IAccountStore accounts, FlowDrafts drafts,
    ISmsCodes sms, SessionRenewal renewal, CitizenAccessChanges changes, SignInGuard guard, TimeProvider clock, ILogger<LoginModel> log)
    : PageModel
{
    private const string Flow = "hall-signin";

    /// <summary>The account whose password was proven, waiting for the SMS code.</summary>
    public sealed record Draft(string Grzh);

    [BindProperty] public string AccountOrId { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public bool RememberBrowser { get; set; } = true;
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>1: password; 2: SMS code on a new browser.</summary>
    public int Step { get; private set; } = 1;
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public string MaskedPhone { get; private set; } = "";

    private H5Session Session => H5Session.Of(HttpContext);
    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(string? notice, bool restart = false)
    {
        if (Session.Grzh is not null) return Redirect(Next());
        if (restart) await drafts.ClearAsync(Flow, Session);
        Notice = notice switch
        {
            "signedout" => "您已安全退出。",
            "reset" => "密码已重置，请使用新密码登录。",
            _ => null,
        };
        await ShowStepAsync(await drafts.GetAsync<Draft>(Flow, Session));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Ten password posts a minute per address, as at the counter and the employer hall.
        if (!await guard.PostAllowedAsync("hall", HttpContext.ClientAddress())) return StatusCode(StatusCodes.Status429TooManyRequests);
        var origin = HttpContext.Origin();
        var check = await signIn.CheckAsync(AccountOrId, Password, origin, Ct);
        if (!check.Succeeded)
        {
            Error = check.Error;
            return Page();
        }
        var grzh = check.Grzh!;
        if (await browsers.RecognisedAsync(HttpContext, grzh) is { } browser) return await SignedInAsync(grzh, newBrowser: false, browser);

        // A browser not seen before: the password alone is not enough.
        await drafts.SaveAsync(Flow, Session, new Draft(grzh));
        await SendCodeAsync(grzh);
        await ShowStepAsync(new Draft(grzh));
        return Page();
    }

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        if (await drafts.GetAsync<Draft>(Flow, Session) is not { } draft)
            return this.CodeReply(false, "页面已过期，请重新登录", () => RedirectToPage());
        var (sent, message) = await SendCodeAsync(draft.Grzh);
        return await this.CodeReplyAsync(sent, message, async () =>
        {
            await ShowStepAsync(draft);
            return Page();
        });
    }

    public async Task<IActionResult> OnPostCodeAsync()
    {
        if (await drafts.GetAsync<Draft>(Flow, Session) is not { } draft || await accounts.GetAsync(draft.Grzh, Ct) is not { } account)
            return RedirectToPage();
        if (string.IsNullOrWhiteSpace(Code) || !await sms.VerifyAsync(SmsPurpose.HallSignIn, account.Grzh, account.Phone, Code, Ct))
        {
            await changes.SignInFailedAsync(account.Grzh, "hall sms code", HttpContext.Origin(), Ct);
            Error = string.IsNullOrWhiteSpace(Code) ? "请输入短信验证码" : "短信验证码错误或已失效，请重新获取";
            await ShowStepAsync(draft);
            return Page();
        }
        var remembered = RememberBrowser ? await browsers.RememberAsync(HttpContext, account.Grzh) : null;
        return await SignedInAsync(account.Grzh, newBrowser: true, remembered);
    }

    private async Task<(bool Sent, string Message)> SendCodeAsync(string grzh)
    {
        if (await accounts.GetAsync(grzh, Ct) is not { } account) return (false, "页面已过期，请重新登录");
        var outcome = await sms.SendForAsync(HttpContext, SmsPurpose.HallSignIn, account.Grzh, account.Phone);
        var message = outcome.Describe(Mask.Phone(account.Phone));
        if (outcome == SmsSendOutcome.Sent) Notice = message;
        else Error = message;
        return (outcome == SmsSendOutcome.Sent, message);
    }

    /// <param name="browser">The remembered browser signed in through (removing it in 设置 ends the session), if any.</param>
    private async Task<IActionResult> SignedInAsync(string grzh, bool newBrowser, string? browser)
    {
        await drafts.ClearAsync(Flow, Session);
        await renewal.RenewAsync(HttpContext, grzh, browser);
        var told = await changes.HallSignedInAsync(grzh, newBrowser, clock.GetUtcNow(), HttpContext.Origin(), Ct);
        log.LogInformation("Hall sign-in; new browser: {NewBrowser}; WeChat told: {Told}", newBrowser, told);
        return Redirect(Next());
    }

    private string Next() => HallSessionMiddleware.IsOwnPage(ReturnUrl) && !ReturnUrl!.StartsWith(HallSessionMiddleware.LoginPath, StringComparison.Ordinal)
        ? ReturnUrl : "/hall";

    private async Task ShowStepAsync(Draft? draft)
    {
        if (draft is null || await accounts.GetAsync(draft.Grzh, Ct) is not { } account) return;
        Step = 2;
        MaskedPhone = Mask.Phone(account.Phone);
    }
}
