namespace Fund.Core.Certificates;

/// <summary>Who asked: the audit's actor (never a personal number in clear) and the client address.</summary>
public sealed record CertificateOrigin(string Actor, string? ClientAddress);

public interface ICertificateStore
{
    /// <summary>Stores a new certificate and its <c>proof.issue</c> audit line in one transaction; false when the serial was taken.</summary>
    Task<bool> AddAsync(Certificate certificate, CertificateOrigin origin, CancellationToken ct);

    Task<Certificate?> FindBySeedAsync(byte[] seed, CancellationToken ct);

    Task<Certificate?> FindBySerialAsync(string serial, CancellationToken ct);

    /// <summary>The account's certificates, newest first.</summary>
    Task<IReadOnlyList<Certificate>> ListAsync(string grzh, CancellationToken ct);

    /// <summary>How many the account issued since an instant (the daily cap).</summary>
    Task<int> CountIssuedSinceAsync(string grzh, DateTimeOffset since, CancellationToken ct);

    /// <summary>
    /// Revokes the account's own certificate with its audit line, in one transaction; false when the account has no
    /// such certificate or it was revoked already.
    /// </summary>
    Task<bool> RevokeAsync(string grzh, string serial, DateTimeOffset at, CertificateOrigin origin, CancellationToken ct);

    /// <summary>Writes a <c>proof.verify</c> audit line (the serial when the token named one, the outcome, the address).</summary>
    Task AuditVerifyAsync(string? serial, CertificateState state, string? clientAddress, CancellationToken ct);
}
