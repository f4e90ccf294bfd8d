namespace Wechat.Handlers.Pipeline;

/// <summary>
/// Sends a text as a customer-service message (客服消息), for replies that missed the passive-reply budget or did
/// not fit in it. The host adapts this to the WeChat API client.
/// </summary>
public interface ICustomerServiceSender
{
    Task SendTextAsync(string openId, string text, CancellationToken ct);
}
