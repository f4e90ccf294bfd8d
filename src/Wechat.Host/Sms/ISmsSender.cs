namespace Wechat.Host.Sms;

/// <summary>Delivers text messages. Implementations never log the phone or the code.</summary>
public interface ISmsSender
{
    Task SendCodeAsync(string phone, string code, CancellationToken ct);

    /// <summary>
    /// Tells the number that was on record that the account's phone changed (to <paramref name="maskedNewPhone"/>),
    /// so a takeover through a stolen session and password does not go unnoticed.
    /// </summary>
    Task SendPhoneChangedNoticeAsync(string oldPhone, string maskedNewPhone, CancellationToken ct);
}

public sealed class SmsGatewayException(string message) : Exception(message);
