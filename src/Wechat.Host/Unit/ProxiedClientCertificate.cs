using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Unit;

/// <summary>
/// Behind nginx the hall's mutual TLS ends at nginx, which verifies the operator's certificate against the centre's
/// root and passes it on in <c>X-Client-Cert</c> (URL-encoded PEM) with <c>X-Client-Verify: SUCCESS</c>. Those
/// headers are believed only from an address in <c>UnitHall:TrustedProxy</c> that also presents nginx's
/// <c>X-Proxy-Secret</c> (<c>UnitHall:ProxySecret</c>); any other request that carries a certificate header is refused,
/// so nobody who can reach an instance directly, or bind the proxy's address on its machine, can claim a certificate.
/// </summary>
/// <remarks>
/// Runs before the forwarded headers are applied: the address checked is the peer of the TCP connection, not an
/// X-Forwarded-For anyone can write. The certificate must still chain to the centre's root here (nginx's
/// <c>ssl_client_certificate</c> might be misconfigured); serial, revocation and operator are checked per request
/// as for a certificate Kestrel received itself.
/// </remarks>
public sealed partial class ProxiedClientCertificate(RequestDelegate next, IOptions<UnitHallOptions> options, UnitTls tls,
    ILogger<ProxiedClientCertificate> log)
{
    public const string CertificateHeader = "X-Client-Cert";
    public const string VerifyHeader = "X-Client-Verify";
    public const string SecretHeader = "X-Proxy-Secret";
    public const string RefusedText = "请求被拒绝：客户端证书只能经由公积金中心的接入代理提交。";

    private readonly IReadOnlyList<IPAddress> trusted = options.Value.TrustedProxyList;
    private readonly byte[] secret = System.Text.Encoding.UTF8.GetBytes(options.Value.ProxySecret);

    public async Task InvokeAsync(HttpContext http)
    {
        var headers = http.Request.Headers;
        var certHeader = headers[CertificateHeader].ToString();
        var verifyHeader = headers[VerifyHeader].ToString();
        var secretHeader = headers[SecretHeader].ToString();
        headers.Remove(SecretHeader);
        if (certHeader.Length == 0 && verifyHeader.Length == 0)
        {
            await next(http);
            return;
        }
        // Nothing after this step may read them again, whatever the outcome.
        headers.Remove(CertificateHeader);
        headers.Remove(VerifyHeader);

        if (!IsTrustedProxy(http.Connection.RemoteIpAddress) || !HasSecret(secretHeader))
        {
            LogForged(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", http.Request.Path);
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(RefusedText, http.RequestAborted);
            return;
        }

        if (http.Connection.ClientCertificate is null
            && string.Equals(verifyHeader, "SUCCESS", StringComparison.Ordinal)
            && Parse(certHeader) is { } cert)
        {
            if (tls.Accepts(cert)) http.Connection.ClientCertificate = cert;
            else LogNotFromCentre(cert.SerialNumber);
        }
        await next(http);
    }

    private bool HasSecret(string presented) =>
        secret.Length > 0 && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), secret);

    private bool IsTrustedProxy(IPAddress? peer)
    {
        if (peer is null) return false;
        if (peer.IsIPv4MappedToIPv6) peer = peer.MapToIPv4();
        return trusted.Any(peer.Equals);
    }

    /// <summary>nginx's <c>$ssl_client_escaped_cert</c>: the PEM, URL-encoded. Null when it is not one certificate.</summary>
    internal static X509Certificate2? Parse(string header)
    {
        if (header.Length is 0 or > 16_384) return null;
        try
        {
            return X509Certificate2.CreateFromPem(Uri.UnescapeDataString(header));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Refused a client-certificate header from {Peer}: not UnitHall:TrustedProxy, or without its X-Proxy-Secret ({Path})")]
    private partial void LogForged(string peer, PathString path);

    [LoggerMessage(LogLevel.Warning, "The proxy passed certificate {Serial}, which does not chain to the centre's root; ignored")]
    private partial void LogNotFromCentre(string serial);
}
