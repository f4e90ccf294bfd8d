namespace Wechat.Host.Sms;

/// <summary>The <c>Sms</c> section: the gateway, and the limits on sending codes.</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary>The gateway's send endpoint; empty in Development means the Redis outbox instead.</summary>
    public string? GatewayUrl { get; set; }
    public string? ApiKey { get; set; }
    public string? TemplateId { get; set; }
    /// <summary>The template telling the old number that the phone of record changed (parameter <c>newPhone</c>, masked).</summary>
    public string? NoticeTemplateId { get; set; }

    public int DailyCapPerPhone { get; set; } = 10;
    /// <summary>Per WeChat user (OpenID): what one person may ask for in an hour.</summary>
    public int PerClientPerHour { get; set; } = 10;
    /// <summary>Per IP address: wider, since many phones share a carrier's address.</summary>
    public int PerAddressPerHour { get; set; } = 100;
}
