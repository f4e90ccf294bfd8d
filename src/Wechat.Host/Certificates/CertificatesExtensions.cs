using System.Threading.RateLimiting;
using Fund.Core.Certificates;
using Microsoft.Extensions.Options;
using Wechat.Handlers;

namespace Wechat.Host.Certificates;

/// <summary>Certificates: the issuer's settings, the PDF's verification address, and the limit on <c>/verify</c>.</summary>
public static class CertificatesExtensions
{
    /// <summary>The rate-limit policy of the public verification page.</summary>
    public const string VerifyRateLimit = "certificate-verify";

    /// <summary>Views of /verify per client address and minute: a reader scans a few; a script guessing tokens stops here.</summary>
    public const int VerifyViewsPerMinute = 30;

    public static IHostApplicationBuilder AddCertificates(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section)
            .Validate(o => !o.Problems().Any(), "Certificates settings out of range (see CertificateOptions.Problems).").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CertificateOptions>>().Value);
        services.AddSingleton<CertificateIssuer>();
        services.AddSingleton<CertificateDocuments>();
        // Per client address (X-Forwarded-For from a known proxy already applied), every method; 429 beyond it.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(VerifyRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = VerifyViewsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }
}

/// <summary>A certificate as a PDF file: drawn on demand from its stored facts, its QR code leading to <c>/verify/{token}</c>.</summary>
public sealed class CertificateDocuments(IOptions<WechatOptions> wechat)
{
    public string VerifyUrl(string token) => wechat.Value.PublicBaseUrl.TrimEnd('/') + "/verify/" + token;

    public byte[] Pdf(IssuedCertificate issued) => Fund.Pdf.CertificatePdf.Draw(issued.Certificate, VerifyUrl(issued.Token));

    public static string FileName(Certificate c) => $"{c.Kind.ShortName()}-{c.Serial}.pdf";
}
