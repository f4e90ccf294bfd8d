using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;
using Wechat.Host.Sms;

namespace Wechat.Host.Pages.H5.Settings;

/// <summary>
/// 手机变更: the citizen's current password (counted toward the lockout), and the new number proving itself with a
/// code sent to it. The password matters because the phone of record receives reset codes: a borrowed phone's
/// live session alone must not be able to take the account over for good.
/// </summary>
public sealed class PhoneModel(AccountQuery accounts, MySqlAccountStore store, MySqlCitizenLoginStore logins,
    CitizenPasswords passwords, LoginLockout lockout, ISmsCodes sms, ILogger<PhoneModel> log)
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
        NewPhone = NewPhone.Trim();
        if (Problem() is { } problem) Error = problem;
        else Notice = (await sms.SendForAsync(HttpContext, SmsPurpose.ChangePhone, Account.Grzh, NewPhone)).Describe(Mask.Phone(NewPhone));
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync()
    {
        NewPhone = NewPhone.Trim();
        if (Problem() is { } problem) Error = problem;
        else if (await PasswordProblemAsync() is { } wrong) Error = wrong;
        else if (!await sms.VerifyAsync(SmsPurpose.ChangePhone, Account.Grzh, NewPhone, Code, HttpContext.RequestAborted))
            Error = "短信验证码错误或已失效，请重新获取";
        else
        {
            await store.UpdatePhoneAsync(Account.Grzh, NewPhone, HttpContext.RequestAborted);
            log.LogInformation("Phone number changed");
            Changed = true;
            Notice = $"手机号已变更为 {Mask.Phone(NewPhone)}";
        }
        return Page();
    }

    private async Task<string?> PasswordProblemAsync()
    {
        if (await logins.GetAsync(Account.Grzh, HttpContext.RequestAborted) is not { } login) return "该账户尚未注册网上服务";
        var attempt = await lockout.BeginAsync(Account.Grzh);
        if (attempt.Locked) return "错误次数过多，账户已锁定15分钟，请稍后再试";
        if (!passwords.Verify(Account.Grzh, login.PasswordHash, Password))
            return attempt.TriesLeftIfWrong > 0 ? $"登录密码错误，还可尝试{attempt.TriesLeftIfWrong}次" : "错误次数过多，账户已锁定15分钟";
        await lockout.ClearAsync(Account.Grzh);
        return null;
    }

    private string? Problem() =>
        !MobileNumber.IsValid(NewPhone) ? "请输入正确的11位手机号"
        : NewPhone == Account.Phone ? "新手机号与当前预留手机号相同"
        : null;
}
