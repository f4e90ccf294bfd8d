using Fund.Core.OperatorCertificates;
using System.Security.Cryptography.X509Certificates;
using Fund.Data.Employers;
using Fund.Data.Stores;

namespace Fund.Data.Tests.Employers;

[Collection(DataCollection.Name)]
public class CentreAuthorityTests(DataFixture fx)
{
    /// <summary>The Development passphrase (appsettings.Development.json): the test database's CA is the dev host's.</summary>
    internal const string Passphrase = "dev-only-ca-passphrase";

    [Fact]
    public async Task AnIssuedCertificateChainsToTheRootIsBoundToItsOperatorAndStopsWorkingOnRevocation()
    {
        var ca = fx.Get<CentreAuthority>();
        await ca.CreateAsync(Passphrase, ["127.0.0.1", "localhost"], "test", default);
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, null);

        var issued = await ca.IssueAsync(who.OperatorId, Passphrase, "staff:test", default);

        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => X509CertificateLoader.LoadPkcs12(issued.Pkcs12, "wrong"));
        using var cert = X509CertificateLoader.LoadPkcs12(issued.Pkcs12, issued.OneTimePassword);
        Assert.True(cert.HasPrivateKey);
        Assert.Equal(issued.Serial, cert.SerialNumber);
        using var root = await ca.RootCertificateAsync(default);
        Assert.True(CentreAuthority.Chains(cert, root!));
        using var stranger = SelfSigned();
        Assert.False(CentreAuthority.Chains(stranger, root!));

        var certificates = fx.Get<CertificateStore>();
        var now = DateTimeOffset.UtcNow;
        var usable = await certificates.FindUsableAsync(cert.SerialNumber, CentreAuthority.Thumbprint(cert), now, default);
        Assert.Equal((who.OperatorId, dwzh), (usable!.OperatorId, usable.Dwzh));
        Assert.Null(await certificates.FindUsableAsync(cert.SerialNumber, CentreAuthority.Thumbprint(stranger), now, default));

        Assert.True(await certificates.RevokeAsync(cert.SerialNumber, "staff:test", default));
        Assert.Null(await certificates.FindUsableAsync(cert.SerialNumber, CentreAuthority.Thumbprint(cert), now, default));
        var audit = await fx.Get<AuditTrail>().ForTargetAsync(EmployerOperatorStore.Target(who.OperatorId), default);
        Assert.Contains(audit, a => a.Action == "certificate.revoke" && a.Detail == "serial=" + cert.SerialNumber);
    }

    [Fact]
    public async Task ADisabledOperatorsCertificateIsRefused()
    {
        var ca = fx.Get<CentreAuthority>();
        await ca.CreateAsync(Passphrase, ["127.0.0.1"], "test", default);
        var (_, who) = await TestEmployers.CreateAsync(fx, null);
        var issued = await ca.IssueAsync(who.OperatorId, Passphrase, "staff:test", default);
        using var cert = X509CertificateLoader.LoadPkcs12(issued.Pkcs12, issued.OneTimePassword);
        await fx.Get<EmployerOperatorStore>().SetActiveAsync(who.OperatorId, false, "staff:test", default);
        Assert.Null(await fx.Get<CertificateStore>().FindUsableAsync(cert.SerialNumber, CentreAuthority.Thumbprint(cert), DateTimeOffset.UtcNow, default));
    }

    [Fact]
    public async Task TheCaKeyIsStoredEncrypted()
    {
        await fx.Get<CentreAuthority>().CreateAsync(Passphrase, ["127.0.0.1"], "test", default);
        var stored = await fx.Get<CertificateStore>().GetAuthorityAsync(CentreAuthority.Root, default);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", stored!.KeyEncryptedPem);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new CertificateRequest("CN=stranger", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
