namespace Wechat.Host.Sms;

/// <summary>What a code is for: a code sent for one purpose and account is good for nothing else.</summary>
public enum SmsPurpose { Register, ChangePhone, ResetPassword, Withdrawal, HallSignIn }

public enum SmsSendOutcome { Sent, TooSoon, DailyCapReached, ClientLimited }

/// <summary>One-time verification codes sent by text message.</summary>
public interface ISmsCodes
{
    /// <param name="subject">The account the code is for (个人账号).</param>
    /// <param name="client">Who asks (the session's OpenID), for the per-client limit.</param>
    /// <param name="address">The asking IP address, for the per-address limit.</param>
    Task<SmsSendOutcome> SendAsync(SmsPurpose purpose, string subject, string phone, string client, string address, CancellationToken ct);

    /// <summary>True once for the right code; a code dies after its fifth wrong try, so a sixth try fails even when right.</summary>
    Task<bool> VerifyAsync(SmsPurpose purpose, string subject, string phone, string code, CancellationToken ct);
}

public static class SmsSendOutcomes
{
    public static string Describe(this SmsSendOutcome outcome, string maskedPhone) => outcome switch
    {
        SmsSendOutcome.Sent => $"验证码已发送至 {maskedPhone}，5分钟内有效。",
        SmsSendOutcome.TooSoon => "验证码发送过于频繁，请60秒后再试。",
        SmsSendOutcome.DailyCapReached => "该手机号今日获取验证码次数已达上限，请明日再试。",
        _ => "操作过于频繁，请稍后再试。",
    };
}
