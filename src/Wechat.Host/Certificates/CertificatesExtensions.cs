using Fund.Core.Certificates;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Wechat.Handlers;
using Wechat.Host.H5;

namespace Wechat.Host.Certificates;

/// <summary>Certificates: the issuer's settings, the PDF's verification address, and the limit on <c>/verify</c>.</summary>
public static class CertificatesExtensions
{
    public static IHostApplicationBuilder AddCertificates(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section)
            .Validate(o => !o.Problems().Any(), "Certificates settings out of range (see CertificateOptions.Problems).").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CertificateOptions>>().Value);
        services.AddSingleton<CertificateIssuer>();
        services.AddSingleton<CertificateDocuments>();
        services.AddSingleton<VerifyLimit>();
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

/// <summary>
/// The limit on <c>/verify</c> per client address (X-Forwarded-For from a known proxy already applied), counted in
/// Redis as the sign-in posts are (<see cref="WindowCounter"/>), so it holds across instances.
/// </summary>
public sealed class VerifyLimit(IConnectionMultiplexer redis, CertificateOptions options)
{
    public async Task<bool> AllowedAsync(string address) =>
        await WindowCounter.IncrementAsync(redis.GetDatabase(), "certificate:verify:" + address, TimeSpan.FromMinutes(1))
            <= options.VerifyViewsPerMinute;
}
