using Fund.Core.Accounts;
using Fund.Data.Stores;
using Wechat.Host.H5;
using Wechat.Host.Sms;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// Proof of the person for a withdrawal or a payout card: the online-hall password (counted toward the login lockout,
/// so a stolen session cannot guess it for long) and a code sent to the phone on record, which the holder of a
/// session alone does not have. One code confirms one action.
/// </summary>
public sealed class WithdrawalProof(MySqlCitizenLoginStore logins, CitizenPasswords passwords, LoginLockout lockout, ISmsCodes sms)
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
        var attempt = await lockout.BeginAsync(account.Grzh);
        if (attempt.Locked) return "错误次数过多，账户已锁定15分钟，请稍后再试";
        if (!passwords.Verify(account.Grzh, login.PasswordHash, password))
            return attempt.TriesLeftIfWrong > 0 ? $"登录密码错误，还可尝试{attempt.TriesLeftIfWrong}次" : "错误次数过多，账户已锁定15分钟";
        await lockout.ClearAsync(account.Grzh);
        if (!await sms.VerifyAsync(SmsPurpose.Withdrawal, account.Grzh, account.Phone, code, ct))
            return "短信验证码错误或已失效，请重新获取";
        return null;
    }
}
