using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;
using Wechat.Host.Sms;

namespace Wechat.Host.Pages.H5.Settings;

/// <summary>
/// 手机变更: the citizen's current password (counted toward the bound citizen's confirmation limit), and the new
/// number proving itself with a code sent to it. The password matters because the phone of record receives reset
/// codes: a borrowed phone's live session alone must not be able to take the account over for good. The old
/// number is told by SMS afterwards.
/// </summary>
public sealed class PhoneModel(AccountQuery accounts, MySqlCitizenLoginStore logins, CitizenAccessChanges changes,
    CitizenPasswords passwords, SignInGuard guard, ISmsCodes sms, ISmsSender texts, H5SessionStore sessions, ILogger<PhoneModel> log)
    : BoundAccountPage(accounts)
{
    [BindProperty] public string NewPhone { get; set; } = "";
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public bool Changed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        NewPhone = (NewPhone ?? "").Trim();
        string? error = Problem();
        string? notice = null;
        // No code while the password confirmation is locked: the change could not go through anyway.
        if (error is null && await guard.IsLockedAsync(SignInStep.Confirm, Account.Grzh)) error = SignInMessages.ConfirmLocked;
        if (error is null)
        {
            var outcome = await sms.SendForAsync(HttpContext, SmsPurpose.ChangePhone, Account.Grzh, NewPhone);
            if (outcome == SmsSendOutcome.Sent) notice = outcome.Describe(Mask.Phone(NewPhone));
            else error = outcome.Describe(Mask.Phone(NewPhone));
        }
        return this.CodeReply(error is null, error ?? notice!, () =>
        {
            (Error, Notice) = (error, notice);
            return Page();
        });
    }

    public async Task<IActionResult> OnPostChangeAsync()
    {
        var ct = HttpContext.RequestAborted;
        NewPhone = (NewPhone ?? "").Trim();
        Error = Problem()
            ?? (string.IsNullOrWhiteSpace(Code) ? "请输入短信验证码" : null)
            ?? (string.IsNullOrEmpty(Password) ? "请输入登录密码" : null)
            ?? await PasswordProblemAsync();
        if (Error is null && !await sms.VerifyAsync(SmsPurpose.ChangePhone, Account.Grzh, NewPhone, Code, ct))
            Error = "短信验证码错误或已失效，请重新获取";
        if (Error is not null) return Page();

        var oldPhone = Account.Phone;
        await changes.ChangePhoneAsync(Account.Grzh, oldPhone, NewPhone, HttpContext.Origin(), ct);
        // Every other hall session of the account ends; this one stays.
        await sessions.EndHallSessionsAsync(Account.Grzh, H5Session.Of(HttpContext));
        log.LogInformation("Phone number changed");
        try
        {
            await texts.SendPhoneChangedNoticeAsync(oldPhone, Mask.Phone(NewPhone), ct);
        }
        catch (Exception e) when (e is SmsGatewayException or HttpRequestException or TaskCanceledException)
        {
            // The change stands (the new number proved itself); the notice is a courtesy the gateway may miss.
            log.LogWarning(e, "The phone-changed notice to the old number could not be sent");
        }
        Changed = true;
        Notice = $"手机号已变更为 {Mask.Phone(NewPhone)}，原手机号已收到变更通知";
        return Page();
    }

    private async Task<string?> PasswordProblemAsync()
    {
        if (await logins.GetAsync(Account.Grzh, HttpContext.RequestAborted) is not { } login) return "该账户尚未注册网上服务";
        var origin = HttpContext.Origin();
        var attempt = await guard.BeginAsync(SignInStep.Confirm, Account.Grzh, origin.OpenId, origin.ClientAddress);
        if (!attempt.Allowed) return SignInMessages.Refused(attempt.Verdict, SignInMessages.ConfirmLocked);
        if (!passwords.Verify(Account.Grzh, login.PasswordHash, Password))
        {
            await guard.FailedAsync(attempt);
            return attempt.TriesLeftIfWrong > 0 ? $"登录密码错误，还可尝试{attempt.TriesLeftIfWrong}次" : SignInMessages.ConfirmLocked;
        }
        await guard.SucceededAsync(attempt);
        return null;
    }

    private string? Problem() =>
        NewPhone.Length == 0 ? "请输入新手机号"
        : !MobileNumber.IsValid(NewPhone) ? "请输入正确的11位手机号"
        : NewPhone == Account.Phone ? "新手机号与当前预留手机号相同"
        : null;
}
