namespace Wechat.Host.H5;

/// <summary>
/// What a failed proof of identity says. One message per kind of failure, the same whether the account exists,
/// is registered or not: the answers must not tell anyone which ID numbers or account numbers are ours.
/// </summary>
public static class SignInMessages
{
    public const string WrongLogin = "账号或密码错误";
    public const string ClientLimited = "尝试次数过多，请15分钟后再试";
    public const string PasswordLocked = "密码错误次数过多，密码登录已暂停15分钟。您可通过“忘记密码”验证手机和密保后立即恢复";
    public const string IdentityNotVerified = "信息核验未通过，请核对姓名、身份证号和预留手机号。如已注册网上服务，请直接登录或通过“忘记密码”找回";
    public const string ResetNotVerified = "信息核验未通过或验证码错误，请核对后重试";
    public const string AnswerLocked = "密保答案错误次数过多，请15分钟后再试";
    public const string ConfirmLocked = "密码错误次数过多，请15分钟后再试";

    public const string Busy = "该账户正在核验其他请求，请稍后再试";

    /// <summary>What a refused attempt says: the step's lock message, or why the client may not try now.</summary>
    public static string Refused(SignInVerdict verdict, string lockedMessage) => verdict switch
    {
        SignInVerdict.Locked => lockedMessage,
        SignInVerdict.Busy => Busy,
        _ => ClientLimited,
    };

    public static string WrongLoginWithTries(int left) => left > 0 ? $"{WrongLogin}，还可尝试{left}次" : PasswordLocked;
}
