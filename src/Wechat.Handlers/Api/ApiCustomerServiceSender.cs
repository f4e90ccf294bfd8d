using Wechat.Handlers.Pipeline;

namespace Wechat.Handlers.Api;

/// <summary>The pipeline's late and overflow replies, sent as WeChat customer-service text messages.</summary>
public sealed class ApiCustomerServiceSender(WechatApiClient api) : ICustomerServiceSender
{
    public Task SendTextAsync(string openId, string text, CancellationToken ct) => api.SendCustomTextAsync(openId, text, ct);
}
