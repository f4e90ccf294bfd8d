using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Wechat.Host;

/// <summary>
/// /healthz as JSON. Anyone gets the overall status (a load balancer needs no more); each server's status and
/// round-trip time only go to loopback callers and to requests carrying <c>X-Health-Key</c> equal to
/// <c>Health:DetailsKey</c> (and to anyone in Development). Never versions or exception details: they tell an
/// attacker which exploits to try.
/// </summary>
internal static class HealthReportWriter
{
    public const string KeyHeader = "X-Health-Key";

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        object body = MayShowDetails(context)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), detail = e.Value.Description }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    private static bool MayShowDetails(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()) return true;
        // After UseForwardedHeaders this is the client's address, so a request relayed by nginx is not "loopback".
        if (context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address)) return true;
        var key = context.RequestServices.GetRequiredService<IConfiguration>()["Health:DetailsKey"];
        var given = context.Request.Headers[KeyHeader].ToString();
        return !string.IsNullOrEmpty(key) && given.Length > 0
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
