using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data.Stores;

namespace Wechat.Host.H5;

/// <summary>The outcome of <see cref="PasswordSignIn.CheckAsync"/>: the account when the password held, else the message to show.</summary>
public sealed record PasswordCheck(string? Grzh, string? Error)
{
    public bool Succeeded => Grzh is not null;
}

/// <summary>
/// 身份证号 or 个人账号 plus the online-service password, as every channel checks it (H5's login before binding, the
/// hall's sign-in before its SMS step): every failure reads the same whether the identifier names no account, an
/// unregistered one or a registered one (an unknown one spends the time of a real hash check), and counts against the
/// client address, the client (OpenID or hall browser) and the identifier in Redis, shared by every instance
/// (<see cref="SignInGuard"/>). A proven reset lifts the account's lock.
/// </summary>
public sealed class PasswordSignIn(IAccountStore accounts, MySqlCitizenLoginStore logins, CitizenAccessChanges changes,
    CitizenPasswords passwords, SignInGuard guard)
{
    public async Task<PasswordCheck> CheckAsync(string? accountOrId, string? password, AccessOrigin origin, CancellationToken ct)
    {
        var key = (accountOrId ?? "").Trim();
        if (key.Length == 0) return new(null, "请输入身份证号或个人账号");
        if (string.IsNullOrEmpty(password)) return new(null, "请输入密码");
        var account = key.Length == 12 && key.All(char.IsAsciiDigit) ? await accounts.GetAsync(key, ct)
            : IdNumber.IsValid(key) ? await accounts.FindByIdNumberAsync(key, ct)
            : null;
        var login = account is null ? null : await logins.GetAsync(account.Grzh, ct);
        var grzh = login is null ? null : account!.Grzh;

        var attempt = await guard.BeginAsync(SignInStep.Password, grzh ?? guard.UnknownSubject(key), origin.OpenId, origin.ClientAddress);
        if (!attempt.Allowed)
        {
            await changes.SignInFailedAsync(grzh, attempt.Verdict.ToString().ToLowerInvariant(), origin, ct);
            return new(null, SignInMessages.Refused(attempt.Verdict, SignInMessages.PasswordLocked));
        }
        var right = grzh is null ? passwords.VerifyNothing(password) : passwords.Verify(grzh, login!.PasswordHash, password);
        if (!right)
        {
            await guard.FailedAsync(attempt);
            await changes.SignInFailedAsync(grzh, "wrong password", origin, ct);
            return new(null, SignInMessages.WrongLoginWithTries(attempt.TriesLeftIfWrong));
        }
        await guard.SucceededAsync(attempt);
        return new(grzh, null);
    }
}
