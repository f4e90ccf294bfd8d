using Fund.Core.OperatorCertificates;
using System.Security.Cryptography.X509Certificates;
using Fund.Data.Employers;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Unit;

/// <summary>
/// The certificates Kestrel's TLS handshake needs synchronously: the hall's server certificate and the centre's root
/// that client certificates must chain to. Loaded from the database once at start-up (Development creates the CA
/// on first start; elsewhere `ca init` does).
/// </summary>
public sealed class UnitTls(CentreAuthority authority, IOptions<UnitHallOptions> options, IHostEnvironment environment, ILogger<UnitTls> log)
{
    public X509Certificate2? Server { get; private set; }
    public X509Certificate2? Root { get; private set; }

    public async Task LoadAsync(CancellationToken ct)
    {
        var o = options.Value;
        // Behind a proxy (UnitHall:TrustedProxy) only the root is needed: certificates it passes on must chain to it.
        if (string.IsNullOrEmpty(o.HttpsUrl) && string.IsNullOrEmpty(o.TrustedProxy)) return;
        if (!string.IsNullOrEmpty(o.HttpsUrl) && string.IsNullOrEmpty(o.CaPassphrase))
            throw new InvalidOperationException("UnitHall:CaPassphrase is required with UnitHall:HttpsUrl.");
        if (environment.IsDevelopment() && !string.IsNullOrEmpty(o.CaPassphrase)
            && await authority.CreateAsync(o.CaPassphrase, o.ServerNameList, "system:dev-start", ct))
            log.LogInformation("Created the Development CA for the employer hall");
        Root = await authority.RootCertificateAsync(ct)
               ?? throw new InvalidOperationException("The centre's CA has not been created: run `ca init`.");
        if (!string.IsNullOrEmpty(o.HttpsUrl)) Server = await authority.ServerCertificateAsync(o.CaPassphrase, ct);
    }

    /// <summary>Kestrel's check at the handshake: the client certificate chains to the centre's root. Revocation is per request.</summary>
    public bool Accepts(X509Certificate2 presented) => Root is { } root && CentreAuthority.Chains(presented, root);
}
