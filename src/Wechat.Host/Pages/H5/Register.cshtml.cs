using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.H5;
using Wechat.Host.Sms;

namespace Wechat.Host.Pages.H5;

/// <summary>
/// 个人注册 in the guide's three steps: identity (name, ID number and the phone on record) and agreement → security
/// question → password and SMS code to that phone; the identity and password steps are <see cref="IdentityStep"/>'s,
/// shared with 忘记密码. A failed identity step reads the same whether the person has no
/// account, has one with other details or has registered already. What each step established is kept server-side
/// (<see cref="FlowDrafts"/>), never in the form.
/// </summary>
public sealed class RegisterModel(IAccountStore accounts, IdentityStep identity, MySqlCitizenLoginStore logins,
    CitizenAccessChanges changes, CitizenPasswords passwords, FlowDrafts drafts, ISmsCodes sms, SignInGuard guard,
    SessionRenewal renewal, ILogger<RegisterModel> log) : PageModel
{
    private const string Flow = "register";

    public sealed record Draft(string Grzh, string? Question = null, string? AnswerHash = null);

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string IdNumber { get; set; } = "";
    [BindProperty] public string Phone { get; set; } = "";
    [BindProperty] public bool Agree { get; set; }
    [BindProperty] public string Question { get; set; } = "";
    [BindProperty] public string Answer { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";
    [BindProperty] public string Code { get; set; } = "";

    public int Step { get; private set; } = 1;
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Error => Errors.Count == 0 ? null : string.Join("；", Errors);
    public string? Notice { get; private set; }
    public string MaskedPhone { get; private set; } = "";

    private H5Session Session => H5Session.Of(HttpContext);
    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync(bool restart = false)
    {
        if (restart) await drafts.ClearAsync(Flow, Session);
        await ShowStepAsync(await drafts.GetAsync<Draft>(Flow, Session));
    }

    public async Task<IActionResult> OnPostIdentityAsync()
    {
        var problems = IdentityStep.Problems(Name, IdNumber, Phone);
        if (!Agree) problems.Add("请阅读并同意《网上服务协议》");
        if (problems.Count > 0) return await FailAsync(null, [.. problems]);

        var origin = HttpContext.Origin();
        var attempt = await guard.BeginAsync(SignInStep.Identity, null, origin.OpenId, origin.ClientAddress);
        if (!attempt.Allowed) return await FailAsync(null, SignInMessages.ClientLimited);
        var account = await identity.MatchAsync(Name, IdNumber, Phone, Ct);
        if (account is null || await logins.GetAsync(account.Grzh, Ct) is not null)
            return await FailAsync(null, SignInMessages.IdentityNotVerified);
        await guard.SucceededAsync(attempt);
        await drafts.SaveAsync(Flow, Session, new Draft(account.Grzh));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostQuestionAsync()
    {
        var draft = await drafts.GetAsync<Draft>(Flow, Session);
        if (draft is null) return RedirectToPage();
        if (!CitizenPasswords.SecurityQuestions.Contains(Question)) return await FailAsync(draft, "请选择密保问题");
        var answer = CitizenPasswords.NormalizeAnswer(Answer ?? "");
        if (answer.Length is 0 or > 50) return await FailAsync(draft, "请填写密保答案（不超过50字）");
        await drafts.SaveAsync(Flow, Session, draft with { Question = Question, AnswerHash = passwords.Hash(draft.Grzh, answer) });
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        var draft = await drafts.GetAsync<Draft>(Flow, Session);
        if (draft?.AnswerHash is null || await accounts.GetAsync(draft.Grzh, Ct) is not { } account)
            return this.CodeReply(false, "页面已过期，请重新开始注册", () => RedirectToPage());
        var outcome = await sms.SendForAsync(HttpContext, SmsPurpose.Register, account.Grzh, account.Phone);
        var message = outcome.Describe(Mask.Phone(account.Phone));
        return await this.CodeReplyAsync(outcome == SmsSendOutcome.Sent, message, async () =>
        {
            if (outcome == SmsSendOutcome.Sent) Notice = message;
            else Errors = [message];
            await ShowStepAsync(draft);
            return Page();
        });
    }

    public async Task<IActionResult> OnPostFinishAsync()
    {
        var draft = await drafts.GetAsync<Draft>(Flow, Session);
        if (draft?.AnswerHash is null || draft.Question is null || await accounts.GetAsync(draft.Grzh, Ct) is not { } account)
            return RedirectToPage();
        if (IdentityStep.NewPasswordProblem(Password, ConfirmPassword, account) is { } problem) return await FailAsync(draft, problem);
        if (!await sms.VerifyAsync(SmsPurpose.Register, account.Grzh, account.Phone, Code, Ct))
            return await FailAsync(draft, "短信验证码错误或已失效，请重新获取");

        var registered = await changes.RegisterAsync(new MySqlCitizenLoginStore.CitizenLogin(
            account.Grzh, passwords.Hash(account.Grzh, Password), draft.Question, draft.AnswerHash), HttpContext.Origin(), Ct);
        await drafts.ClearAsync(Flow, Session);
        if (!registered) return await FailAsync(null, SignInMessages.IdentityNotVerified);
        // In WeChat the new registration is bound and signed in; in the hall the citizen signs in next (with an SMS
        // code for this browser), and the anonymous session is renewed all the same.
        await renewal.RenewAsync(HttpContext);
        log.LogInformation("Citizen registered; bound to the WeChat user: {Bound}", !Session.InHall);
        return RedirectToPage("/H5/RegisterDone");
    }

    private async Task<IActionResult> FailAsync(Draft? draft, params string[] errors)
    {
        Errors = errors;
        await ShowStepAsync(draft);
        return Page();
    }

    private async Task ShowStepAsync(Draft? draft)
    {
        Step = draft is null ? 1 : draft.AnswerHash is null ? 2 : 3;
        if (Step == 3 && await accounts.GetAsync(draft!.Grzh, Ct) is { } account) MaskedPhone = Mask.Phone(account.Phone);
    }
}
