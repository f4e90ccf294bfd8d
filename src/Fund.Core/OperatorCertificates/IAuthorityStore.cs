using Fund.Core.Employers;

namespace Fund.Core.OperatorCertificates;

/// <summary>The CA's own certificate (PEM) and its private key as encrypted PKCS#8 PEM, as stored.</summary>
public sealed record StoredAuthority(string CertPem, string KeyEncryptedPem);

/// <summary>Where <see cref="CentreAuthority"/> keeps its own certificates and records what it issued.</summary>
public interface IAuthorityStore
{
    /// <summary>Saves the CA (or server) certificate once; returns false when one is already there.</summary>
    Task<bool> TrySaveAuthorityAsync(string name, string certPem, string keyEncryptedPem, string actor, CancellationToken ct);

    Task<StoredAuthority?> GetAuthorityAsync(string name, CancellationToken ct);

    Task RecordIssuedAsync(OperatorCertificate cert, string thumbprint, string actor, CancellationToken ct);
}

/// <summary>The operator a certificate is issued to.</summary>
public interface IOperatorDirectory
{
    Task<EmployerOperator?> GetAsync(long id, CancellationToken ct);
}
