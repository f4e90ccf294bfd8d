using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.H5;
using Wechat.Host.Sms;

namespace Wechat.Host.Pages.H5;

/// <summary>
/// 忘记密码: identity (name + ID number), then the security answer, a new password and an SMS code to the phone on
/// file. Wrong answers count toward the same lockout as wrong passwords.
/// </summary>
public sealed class ResetPasswordModel(IAccountStore accounts, MySqlCitizenLoginStore logins, IBindingStore bindings, CitizenPasswords passwords,
    LoginLockout lockout, FlowDrafts drafts, ISmsCodes sms, ILogger<ResetPasswordModel> log) : PageModel
{
    private const string Flow = "reset";

    public sealed record Draft(string Grzh);

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string IdNumber { get; set; } = "";
    [BindProperty] public string Answer { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";
    [BindProperty] public string Code { get; set; } = "";

    public int Step { get; private set; } = 1;
    public string Question { get; private set; } = "";
    public string MaskedPhone { get; private set; } = "";
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    private H5Session Session => H5Session.Of(HttpContext);
    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync(bool restart = false)
    {
        if (restart) await drafts.ClearAsync(Flow, Session);
        await ShowStepAsync(await drafts.GetAsync<Draft>(Flow, Session));
    }

    public async Task<IActionResult> OnPostIdentityAsync()
    {
        if (Fund.Core.Validation.IdNumber.Problem(IdNumber) is { } problem) return await FailAsync(null, problem);
        var account = await accounts.FindByIdNumberAsync(IdNumber, Ct);
        if (account is null || account.Name != Name.Trim() || await logins.GetAsync(account.Grzh, Ct) is null)
            return await FailAsync(null, "未找到与姓名、身份证号相符的已注册账户");
        await drafts.SaveAsync(Flow, Session, new Draft(account.Grzh));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        if (await drafts.GetAsync<Draft>(Flow, Session) is not { } draft || await accounts.GetAsync(draft.Grzh, Ct) is not { } account)
            return RedirectToPage();
        Notice = (await sms.SendForAsync(HttpContext, SmsPurpose.ResetPassword, account.Grzh, account.Phone)).Describe(Mask.Phone(account.Phone));
        await ShowStepAsync(draft);
        return Page();
    }

    public async Task<IActionResult> OnPostFinishAsync()
    {
        if (await drafts.GetAsync<Draft>(Flow, Session) is not { } draft
            || await accounts.GetAsync(draft.Grzh, Ct) is not { } account
            || await logins.GetAsync(draft.Grzh, Ct) is not { } login)
            return RedirectToPage();
        if (CitizenPasswords.Problem(Password) is { } problem) return await FailAsync(draft, problem);
        if (Password != ConfirmPassword) return await FailAsync(draft, "两次输入的密码不一致");
        var attempt = await lockout.BeginAsync(account.Grzh);
        if (attempt.Locked) return await FailAsync(draft, "错误次数过多，账户已锁定15分钟，请稍后再试");
        if (!passwords.Verify(account.Grzh, login.SecurityAnswerHash, CitizenPasswords.NormalizeAnswer(Answer ?? "")))
        {
            var left = attempt.TriesLeftIfWrong;
            return await FailAsync(draft, left > 0 ? $"密保答案错误，还可尝试{left}次" : "错误次数过多，账户已锁定15分钟");
        }
        await lockout.ClearAsync(account.Grzh);
        if (!await sms.VerifyAsync(SmsPurpose.ResetPassword, account.Grzh, account.Phone, Code, Ct))
            return await FailAsync(draft, "短信验证码错误或已失效，请重新获取");

        await logins.SetPasswordHashAsync(account.Grzh, passwords.Hash(account.Grzh, Password), Ct);
        // Whoever was bound with the old password is signed out of the account; the citizen logs in again.
        await bindings.UnbindAccountAsync(account.Grzh, Ct);
        await drafts.ClearAsync(Flow, Session);
        log.LogInformation("Online-hall password reset");
        return Redirect("/h5/login?notice=reset");
    }

    private async Task<IActionResult> FailAsync(Draft? draft, string error)
    {
        Error = error;
        await ShowStepAsync(draft);
        return Page();
    }

    private async Task ShowStepAsync(Draft? draft)
    {
        if (draft is null || await logins.GetAsync(draft.Grzh, Ct) is not { } login || await accounts.GetAsync(draft.Grzh, Ct) is not { } account)
            return;
        Step = 2;
        Question = login.SecurityQuestion;
        MaskedPhone = Mask.Phone(account.Phone);
    }
}
