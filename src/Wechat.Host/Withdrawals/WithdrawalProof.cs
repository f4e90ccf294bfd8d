using Fund.Core.Accounts;
using Fund.Data.Stores;
using Wechat.Host.H5;
using Wechat.Host.Sms;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// Proof of the person for a withdrawal or a payout card: the online-hall password (counted by the sign-in lockout
/// as a re-typed password, <see cref="SignInStep.Confirm"/>, so a stolen session cannot guess it for long) and a code sent to the phone on record, which the holder of a
/// session alone does not have. One code confirms one action.
/// </summary>
public sealed class WithdrawalProof(MySqlCitizenLoginStore logins, CitizenPasswords passwords, SignInGuard guard, ISmsCodes sms)
{
    public Task<SmsSendOutcome> SendCodeAsync(HttpContext http, PersonalAccount account) =>
        sms.SendForAsync(http, SmsPurpose.Withdrawal, account.Grzh, account.Phone);

    /// <summary>Why the proof fails, in Chinese, or null when both the password and the code are right.</summary>
    public async Task<string?> ProblemAsync(HttpContext http, PersonalAccount account, string? password, string? code)
    {
        var ct = http.RequestAborted;
        // Empty fields are a slip, not a guess: they cost no try.
        if (string.IsNullOrEmpty(password)) return "请输入登录密码";
        if (string.IsNullOrWhiteSpace(code) || code.Trim().Length != 6 || !code.Trim().All(char.IsAsciiDigit)) return "请输入6位短信验证码";
        if (await logins.GetAsync(account.Grzh, ct) is not { } login) return "请先注册网上服务并设置登录密码";
        var attempt = await guard.BeginAsync(SignInStep.Confirm, account.Grzh, H5Session.Of(http).OpenId, http.ClientAddress());
        if (!attempt.Allowed) return SignInMessages.Refused(attempt.Verdict, SignInMessages.ConfirmLocked);
        if (!passwords.Verify(account.Grzh, login.PasswordHash, password))
        {
            await guard.FailedAsync(attempt);
            return attempt.TriesLeftIfWrong > 0 ? $"登录密码错误，还可尝试{attempt.TriesLeftIfWrong}次" : SignInMessages.ConfirmLocked;
        }
        await guard.SucceededAsync(attempt);
        if (!await sms.VerifyAsync(SmsPurpose.Withdrawal, account.Grzh, account.Phone, code, ct))
            return "短信验证码错误或已失效，请重新获取";
        return null;
    }
}
