using Fund.Core.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fund.Core.Employers;

namespace Fund.Core.OperatorCertificates;

/// <summary>
/// The centre's own certificate authority for the employer hall: a self-signed root whose private key is kept as
/// encrypted PKCS#8 (the passphrase comes from configuration), a TLS server certificate for the hall's HTTPS port,
/// and operator certificates for TLS client authentication, handed out as PKCS#12 with a one-time password.
/// Certificate making only (BCL cryptography): Data stores what it makes (<see cref="IAuthorityStore"/>).
/// </summary>
public sealed class CentreAuthority(IAuthorityStore store, IOperatorDirectory operators, TimeProvider time)
{
    public const string Root = "ca";
    public const string Server = "server";
    private static readonly PbeParameters KeyEncryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 210_000);
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Creates the root and the server certificate unless they exist; returns false when they already did.</summary>
    public async Task<bool> CreateAsync(string passphrase, IReadOnlyList<string> serverNames, string actor, CancellationToken ct)
    {
        if (await store.GetAuthorityAsync(Root, ct) is not null) return false;
        var now = time.GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=信阳市住房公积金管理中心 单位网厅 CA, O=信阳市住房公积金管理中心, C=CN", key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var root = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        if (!await store.TrySaveAuthorityAsync(Root, root.ExportCertificatePem(), key.ExportEncryptedPkcs8PrivateKeyPem(passphrase, KeyEncryption), actor, ct))
            return false;

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=" + (serverNames.FirstOrDefault() ?? "127.0.0.1"), serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in serverNames.DefaultIfEmpty("127.0.0.1"))
            if (System.Net.IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip); else san.AddDnsName(name);
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], false));
        using var server = serverRequest.Create(root, now.AddDays(-1), now.AddYears(2), NewSerial());
        await store.TrySaveAuthorityAsync(Server, server.ExportCertificatePem(),
            serverKey.ExportEncryptedPkcs8PrivateKeyPem(passphrase, KeyEncryption), actor, ct);
        return true;
    }

    public sealed record IssuedCertificate(string Serial, byte[] Pkcs12, string OneTimePassword, DateTimeOffset NotAfter);

    /// <summary>Issues a client certificate to an active operator; the serial is recorded against that operator.</summary>
    public async Task<IssuedCertificate> IssueAsync(long operatorId, string passphrase, string actor, CancellationToken ct)
    {
        var op = await operators.GetAsync(operatorId, ct) ?? throw new InvalidOperationException($"No operator {operatorId}.");
        if (!op.Active) throw new InvalidOperationException($"Operator {operatorId} is disabled.");
        using var root = await LoadAsync(Root, passphrase, ct);
        var now = time.GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("CN");
        subject.AddOrganizationalUnitName(op.Dwzh);
        subject.AddCommonName(op.Name);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthOid)], false));
        var notAfter = now.AddYears(1);
        using var issued = request.Create(root, now.AddMinutes(-5), notAfter, NewSerial());
        using var withKey = issued.CopyWithPrivateKey(key);
        var password = OneTimePassword();
        var pkcs12 = withKey.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
        var record = new OperatorCertificate(issued.SerialNumber, op.Id, op.Dwzh, notAfter, null);
        await store.RecordIssuedAsync(record, Thumbprint(issued), actor, ct);
        return new IssuedCertificate(issued.SerialNumber, pkcs12, password, notAfter);
    }

    /// <summary>The hall's TLS server certificate with its key, for Kestrel.</summary>
    public Task<X509Certificate2> ServerCertificateAsync(string passphrase, CancellationToken ct) => LoadAsync(Server, passphrase, ct);

    /// <summary>The root alone (no key), to verify client certificates against.</summary>
    public async Task<X509Certificate2?> RootCertificateAsync(CancellationToken ct) =>
        await store.GetAuthorityAsync(Root, ct) is { } stored ? X509Certificate2.CreateFromPem(stored.CertPem) : null;

    /// <summary>Whether a presented client certificate chains to the centre's root and is meant for client authentication.</summary>
    public static bool Chains(X509Certificate2 presented, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // revocation is the database's, checked per request
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
        return chain.Build(presented);
    }

    /// <summary>SHA-256 of the DER, hex: binds a serial to the one certificate that carries it.</summary>
    public static string Thumbprint(X509Certificate2 cert) => Convert.ToHexString(SHA256.HashData(cert.RawData));

    private async Task<X509Certificate2> LoadAsync(string name, string passphrase, CancellationToken ct)
    {
        var stored = await store.GetAuthorityAsync(name, ct)
                     ?? throw new InvalidOperationException($"The centre's CA has not been created (no '{name}'): run `ca init`.");
        using var cert = X509Certificate2.CreateFromPem(stored.CertPem);
        using var key = ECDsa.Create();
        key.ImportFromEncryptedPem(stored.KeyEncryptedPem, passphrase);
        using var withKey = cert.CopyWithPrivateKey(key);
        // A round trip through PKCS#12 gives a key Kestrel's TLS stack can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x10; // and sixteen bytes long, so every serial prints as 32 hex digits
        return serial;
    }

    private static string OneTimePassword() => RandomPasswords.New(16);
}
