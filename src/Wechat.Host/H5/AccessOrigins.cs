using Fund.Data.Stores;

namespace Wechat.Host.H5;

/// <summary>Who is asking, as the audit log and the per-client limits see it.</summary>
internal static class AccessOrigins
{
    /// <summary>The client address (X-Forwarded-For from a known proxy already applied).</summary>
    public static string ClientAddress(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static AccessOrigin Origin(this HttpContext context) => new(H5Session.Of(context).OpenId, context.ClientAddress());
}
