using Wechat.Host.Sms;

namespace Wechat.Host.H5;

/// <summary>Sends a code on behalf of the page's session: the OpenID and address feed the per-client limits.</summary>
internal static class SmsRequests
{
    public static Task<SmsSendOutcome> SendForAsync(this ISmsCodes codes, HttpContext context, SmsPurpose purpose, string grzh, string phone) =>
        codes.SendAsync(purpose, grzh, phone, H5Session.Of(context).OpenId, context.ClientAddress(), context.RequestAborted);
}
