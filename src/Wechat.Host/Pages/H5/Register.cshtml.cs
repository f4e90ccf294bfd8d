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
/// 个人注册 in the guide's three steps: identity and agreement → security question → password and SMS code to the
/// phone on file. What each step established is kept server-side (<see cref="FlowDrafts"/>), never in the form.
/// </summary>
public sealed class RegisterModel(IAccountStore accounts, MySqlCitizenLoginStore logins, IBindingStore bindings,
    CitizenPasswords passwords, FlowDrafts drafts, ISmsCodes sms, ILogger<RegisterModel> log) : PageModel
{
    private const string Flow = "register";

    public sealed record Draft(string Grzh, string? Question = null, string? AnswerHash = null);

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string IdNumber { get; set; } = "";
    [BindProperty] public bool Agree { get; set; }
    [BindProperty] public string Question { get; set; } = "";
    [BindProperty] public string Answer { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";
    [BindProperty] public string Code { get; set; } = "";

    public int Step { get; private set; } = 1;
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public bool AlreadyRegistered { get; private set; }
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
        if (!Agree) return await FailAsync(null, "请阅读并同意《网上服务协议》");
        if (Fund.Core.Validation.IdNumber.Problem(IdNumber) is { } problem) return await FailAsync(null, problem);
        var account = await accounts.FindByIdNumberAsync(IdNumber, Ct);
        if (account is null || account.Name != Name.Trim())
            return await FailAsync(null, "未找到与姓名、身份证号相符的公积金账户，请核对后重试，或咨询12329");
        if (await logins.GetAsync(account.Grzh, Ct) is not null)
        {
            AlreadyRegistered = true;
            return await FailAsync(null, "该身份证号已注册网上服务，请直接登录；忘记密码可重置");
        }
        await drafts.SaveAsync(Flow, Session, new Draft(account.Grzh));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostQuestionAsync()
    {
        var draft = await drafts.GetAsync<Draft>(Flow, Session);
        if (draft is null) return RedirectToPage();
        if (!CitizenPasswords.SecurityQuestions.Contains(Question)) return await FailAsync(draft, "请选择密保问题");
        var answer = CitizenPasswords.NormalizeAnswer(Answer);
        if (answer.Length is 0 or > 50) return await FailAsync(draft, "请填写密保答案（不超过50字）");
        await drafts.SaveAsync(Flow, Session, draft with { Question = Question, AnswerHash = passwords.Hash(draft.Grzh, answer) });
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        var draft = await drafts.GetAsync<Draft>(Flow, Session);
        if (draft?.AnswerHash is null || await accounts.GetAsync(draft.Grzh, Ct) is not { } account) return RedirectToPage();
        var outcome = await sms.SendForAsync(HttpContext, SmsPurpose.Register, account.Grzh, account.Phone);
        Notice = outcome.Describe(Mask.Phone(account.Phone));
        await ShowStepAsync(draft);
        return Page();
    }

    public async Task<IActionResult> OnPostFinishAsync()
    {
        var draft = await drafts.GetAsync<Draft>(Flow, Session);
        if (draft?.AnswerHash is null || draft.Question is null || await accounts.GetAsync(draft.Grzh, Ct) is not { } account)
            return RedirectToPage();
        if (CitizenPasswords.Problem(Password) is { } problem) return await FailAsync(draft, problem);
        if (Password != ConfirmPassword) return await FailAsync(draft, "两次输入的密码不一致");
        if (!await sms.VerifyAsync(SmsPurpose.Register, account.Grzh, account.Phone, Code, Ct))
            return await FailAsync(draft, "短信验证码错误或已失效，请重新获取");

        var registered = await logins.TryRegisterAsync(new MySqlCitizenLoginStore.CitizenLogin(
            account.Grzh, passwords.Hash(account.Grzh, Password), draft.Question, draft.AnswerHash), Ct);
        await drafts.ClearAsync(Flow, Session);
        if (!registered)
        {
            AlreadyRegistered = true;
            return await FailAsync(null, "该账户已注册网上服务，请直接登录");
        }
        await bindings.BindAsync(Session.OpenId, account.Grzh, Ct);
        log.LogInformation("Citizen registered and bound");
        return RedirectToPage("/H5/RegisterDone");
    }

    private async Task<IActionResult> FailAsync(Draft? draft, string error)
    {
        Error = error;
        await ShowStepAsync(draft);
        return Page();
    }

    private async Task ShowStepAsync(Draft? draft)
    {
        Step = draft is null ? 1 : draft.AnswerHash is null ? 2 : 3;
        if (Step == 3 && await accounts.GetAsync(draft!.Grzh, Ct) is { } account) MaskedPhone = Mask.Phone(account.Phone);
    }
}
