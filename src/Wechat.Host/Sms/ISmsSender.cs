namespace Wechat.Host.Sms;

/// <summary>Delivers a verification code by text message. Implementations never log the phone or the code.</summary>
public interface ISmsSender
{
    Task SendCodeAsync(string phone, string code, CancellationToken ct);
}

public sealed class SmsGatewayException(string message) : Exception(message);
