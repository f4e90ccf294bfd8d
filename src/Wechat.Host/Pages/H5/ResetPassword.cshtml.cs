using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.H5;
using Wechat.Host.Hall;
using Wechat.Host.Sms;

namespace Wechat.Host.Pages.H5;

/// <summary>
/// 忘记密码. Step 1 proves the person: name, ID number and the phone on record, and a code sent to that phone (sent
/// only when all three match a registered account; the page reads the same either way). Only then step 2 shows the
/// security question; the right answer and a new password reset the password, lift the password sign-in lock
/// and release the WeChat binding (its holder is told). The password sign-in lock does not stop a reset.
/// </summary>
public sealed class ResetPasswordModel(IAccountStore accounts, IdentityStep identity, MySqlCitizenLoginStore logins,
    CitizenAccessChanges changes, CitizenPasswords passwords, SignInGuard guard, FlowDrafts drafts, ISmsCodes sms,
    RememberedBrowsers browsers, H5SessionStore sessions, ILogger<ResetPasswordModel> log) : PageModel
{
    private const string Flow = "reset";

    /// <summary>The account whose phone code was proven in step 1.</summary>
    public sealed record Draft(string Grzh);

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string IdNumber { get; set; } = "";
    [BindProperty] public string Phone { get; set; } = "";
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public string Answer { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public int Step { get; private set; } = 1;
    public string Question { get; private set; } = "";
    public string MaskedPhone { get; private set; } = "";
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Notice { get; private set; }

    private H5Session Session => H5Session.Of(HttpContext);
    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync(bool restart = false)
    {
        if (restart) await drafts.ClearAsync(Flow, Session);
        await ShowStepAsync(await drafts.GetAsync<Draft>(Flow, Session));
    }

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        var problems = IdentityProblems(needCode: false);
        if (problems.Count > 0) return this.CodeReply(false, string.Join("；", problems), () => Fail(problems));
        var phone = Phone.Trim();
        var message = SmsSendOutcome.Sent.Describe(Mask.Phone(phone));
        var sent = true;
        if (await MatchingAccountAsync() is { } account)
        {
            if (await guard.IsLockedAsync(SignInStep.SecurityAnswer, account.Grzh))
                (sent, message) = (false, SignInMessages.AnswerLocked);
            else
            {
                var outcome = await sms.SendForAsync(HttpContext, SmsPurpose.ResetPassword, account.Grzh, phone);
                (sent, message) = (outcome == SmsSendOutcome.Sent, outcome.Describe(Mask.Phone(phone)));
            }
        }
        // No matching account: nothing is sent, and the page says what it says when something is.
        return this.CodeReply(sent, message, () =>
        {
            if (sent) Notice = message;
            else Errors = [message];
            return Page();
        });
    }

    public async Task<IActionResult> OnPostIdentityAsync()
    {
        var problems = IdentityProblems(needCode: true);
        if (problems.Count > 0) return Fail(problems);
        var origin = HttpContext.Origin();
        var attempt = await guard.BeginAsync(SignInStep.Identity, null, origin.OpenId, origin.ClientAddress);
        if (!attempt.Allowed) return Fail([SignInMessages.ClientLimited]);
        var account = await MatchingAccountAsync();
        if (account is null || !await sms.VerifyAsync(SmsPurpose.ResetPassword, account.Grzh, account.Phone, Code, Ct))
        {
            await changes.SignInFailedAsync(account?.Grzh, "reset identity", origin, Ct);
            return Fail([SignInMessages.ResetNotVerified]);
        }
        await guard.SucceededAsync(attempt);
        await drafts.SaveAsync(Flow, Session, new Draft(account.Grzh));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFinishAsync()
    {
        if (await drafts.GetAsync<Draft>(Flow, Session) is not { } draft
            || await accounts.GetAsync(draft.Grzh, Ct) is not { } account
            || await logins.GetAsync(draft.Grzh, Ct) is not { } login)
            return RedirectToPage();
        if (CitizenPasswords.NormalizeAnswer(Answer ?? "").Length == 0) return await FailAsync(draft, "请输入密保答案");
        if (IdentityStep.NewPasswordProblem(Password, ConfirmPassword, account) is { } problem) return await FailAsync(draft, problem);

        var origin = HttpContext.Origin();
        var attempt = await guard.BeginAsync(SignInStep.SecurityAnswer, account.Grzh, origin.OpenId, origin.ClientAddress);
        if (!attempt.Allowed)
            return await FailAsync(draft, SignInMessages.Refused(attempt.Verdict, SignInMessages.AnswerLocked));
        if (!passwords.Verify(account.Grzh, login.SecurityAnswerHash, CitizenPasswords.NormalizeAnswer(Answer ?? "")))
        {
            await guard.FailedAsync(attempt);
            await changes.SignInFailedAsync(account.Grzh, "wrong security answer", origin, Ct);
            var left = attempt.TriesLeftIfWrong;
            return await FailAsync(draft, left > 0 ? $"密保答案错误，还可尝试{left}次" : SignInMessages.AnswerLocked);
        }
        await guard.SucceededAsync(attempt);
        // Checked only now, after the proof, so it tells nothing to someone who is not the owner.
        if (passwords.Verify(account.Grzh, login.PasswordHash, Password)) return await FailAsync(draft, "新密码不能与原密码相同");

        var told = await changes.ResetPasswordAsync(account.Grzh, passwords.Hash(account.Grzh, Password), origin, Ct);
        // The owner proved phone and answer: password sign-in opens again at once, and the hall's remembered
        // browsers are forgotten (whoever knew the old password may have proven one of them).
        await guard.ReleaseAsync(SignInStep.Password, account.Grzh);
        await browsers.ForgetAllAsync(account.Grzh);
        // And every hall session of the account ends: the reset page is no signed-in session of it.
        await sessions.EndHallSessionsAsync(account.Grzh);
        await drafts.ClearAsync(Flow, Session);
        log.LogInformation("Online-hall password reset; another WeChat user lost the binding: {Told}", told is not null);
        return Redirect("/h5/login?notice=reset");
    }

    private List<string> IdentityProblems(bool needCode)
    {
        var problems = IdentityStep.Problems(Name, IdNumber, Phone);
        if (needCode && string.IsNullOrWhiteSpace(Code)) problems.Add("请输入短信验证码");
        return problems;
    }

    /// <summary>The registered account with this name, ID number and phone of record, or null.</summary>
    private async Task<PersonalAccount?> MatchingAccountAsync()
    {
        var account = await identity.MatchAsync(Name, IdNumber, Phone, Ct);
        return account is null || await logins.GetAsync(account.Grzh, Ct) is null ? null : account;
    }

    private PageResult Fail(IReadOnlyList<string> errors)
    {
        Errors = errors;
        return Page();
    }

    private async Task<IActionResult> FailAsync(Draft draft, string error)
    {
        Errors = [error];
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
