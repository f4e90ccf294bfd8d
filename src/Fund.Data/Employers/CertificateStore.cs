using Dapper;
using Fund.Core.OperatorCertificates;
using Fund.Core.Employers;
using Fund.Data.Stores;

namespace Fund.Data.Employers;

/// <summary>The CA's own certificate and key, and every operator certificate it issued, with revocation.</summary>
public sealed class CertificateStore(FundDatabase db) : IAuthorityStore
{
    /// <summary>Saves the CA (or server) certificate once; returns false when one is already there.</summary>
    public async Task<bool> TrySaveAuthorityAsync(string name, string certPem, string keyEncryptedPem, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var added = await conn.ExecuteAsync(new CommandDefinition("""
            INSERT IGNORE INTO certificate_authority (name, cert_pem, key_enc_pem, created_at)
            VALUES (@name, @certPem, @keyEncryptedPem, UTC_TIMESTAMP())
            """, new { name, certPem, keyEncryptedPem }, tx, cancellationToken: ct));
        if (added == 0) return false;
        await AuditTrail.WriteAsync(conn, tx, actor, "ca.create", "ca:" + name, "", ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<StoredAuthority?> GetAuthorityAsync(string name, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<StoredAuthority>(new CommandDefinition(
            "SELECT cert_pem AS CertPem, key_enc_pem AS KeyEncryptedPem FROM certificate_authority WHERE name = @name",
            new { name }, cancellationToken: ct));
    }

    public async Task RecordIssuedAsync(OperatorCertificate cert, string thumbprint, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO operator_certificate (serial, operator_id, dwzh, thumbprint, not_after, issued_at, issued_by)
            VALUES (@Serial, @OperatorId, @Dwzh, @thumbprint, @notAfter, UTC_TIMESTAMP(), @actor)
            """, new { cert.Serial, cert.OperatorId, cert.Dwzh, thumbprint, notAfter = cert.NotAfter.UtcDateTime, actor }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, actor, "certificate.issue", EmployerOperatorStore.Target(cert.OperatorId), "serial=" + cert.Serial, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<bool> RevokeAsync(string serial, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var operatorId = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT operator_id FROM operator_certificate WHERE serial = @serial AND revoked_at IS NULL FOR UPDATE",
            new { serial }, tx, cancellationToken: ct));
        if (operatorId is null) return false;
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE operator_certificate SET revoked_at = UTC_TIMESTAMP() WHERE serial = @serial", new { serial }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, actor, "certificate.revoke", EmployerOperatorStore.Target(operatorId.Value), "serial=" + serial, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The certificate with this serial and thumbprint, if it is still usable and its operator still active. Asked on
    /// every request that transacts, so a revocation or a disabled operator stops the very next one.
    /// </summary>
    public async Task<OperatorCertificate?> FindUsableAsync(string serial, string thumbprint, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var r = await conn.QuerySingleOrDefaultAsync<CertRow>(
            new CommandDefinition("""
                SELECT c.serial, c.operator_id AS OperatorId, c.dwzh, c.not_after AS NotAfter, c.revoked_at AS RevokedAt
                  FROM operator_certificate c
                  JOIN employer_operator o ON o.id = c.operator_id AND o.dwzh = c.dwzh
                 WHERE c.serial = @serial AND c.thumbprint = @thumbprint AND o.active = 1
                """, new { serial, thumbprint }, cancellationToken: ct));
        if (r is null) return null;
        var cert = new OperatorCertificate(r.Serial, r.OperatorId, r.Dwzh, StoredTime.Utc(r.NotAfter),
            StoredTime.Utc(r.RevokedAt));
        return cert.Usable(now) ? cert : null;
    }

    /// <summary>
    /// Whether the certificate a hall session was signed in with is still usable for its operator: asked on every
    /// request of a certificate session, query pages included, so a revocation ends the session at once.
    /// </summary>
    public async Task<bool> IsUsableForAsync(string serial, long operatorId, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var r = await conn.QuerySingleOrDefaultAsync<CertRow>(new CommandDefinition("""
            SELECT serial, operator_id AS OperatorId, dwzh, not_after AS NotAfter, revoked_at AS RevokedAt
              FROM operator_certificate WHERE serial = @serial AND operator_id = @operatorId
            """, new { serial, operatorId }, cancellationToken: ct));
        return r is not null && r.RevokedAt is null && now < new DateTimeOffset(DateTime.SpecifyKind(r.NotAfter, DateTimeKind.Utc));
    }

    public async Task<IReadOnlyList<(string Serial, DateTime IssuedAt, DateTime NotAfter, DateTime? RevokedAt)>> ForOperatorAsync(long operatorId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<(string, DateTime, DateTime, DateTime?)>(new CommandDefinition(
            "SELECT serial, issued_at, not_after, revoked_at FROM operator_certificate WHERE operator_id = @operatorId ORDER BY issued_at DESC",
            new { operatorId }, cancellationToken: ct))).ToList();
    }

    private sealed class CertRow
    {
        public string Serial { get; init; } = "";
        public long OperatorId { get; init; }
        public string Dwzh { get; init; } = "";
        public DateTime NotAfter { get; init; }
        public DateTime? RevokedAt { get; init; }
    }
}
