using System.Text.Json;
using Dapper;
using Fund.Core.Certificates;
using Fund.Data.Security;
using Fund.Data.Stores;
using MySqlConnector;

namespace Fund.Data.Certificates;

/// <summary>
/// Certificates in MariaDB. The printed facts are stored as AES-GCM ciphertext of their JSON; every issue and
/// revocation writes its audit line in the same transaction (actor as given by the caller, target
/// <c>proof:{serial}</c>, detail without personal data).
/// </summary>
public sealed class MySqlCertificateStore(FundDatabase db, SensitiveData sensitive) : ICertificateStore
{
    public static string Target(string serial) => "proof:" + serial;

    private const string Insert = """
        INSERT IGNORE INTO certificate (serial, token_seed, grzh, kind, purpose, facts, issued_at, valid_until)
        VALUES (@Serial, @TokenSeed, @Grzh, @kind, @purpose, @facts, @issuedAt, @validUntil)
        """;

    public async Task<bool> AddAsync(Certificate c, CertificateOrigin origin, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var inserted = await conn.ExecuteAsync(new CommandDefinition(Insert, new
        {
            c.Serial, c.TokenSeed, c.Grzh, kind = (int)c.Kind, purpose = (int)c.Purpose,
            facts = sensitive.Encrypt(JsonSerializer.Serialize(c.Facts)),
            issuedAt = c.IssuedAt.UtcDateTime, validUntil = c.ValidUntil.UtcDateTime,
        }, tx, cancellationToken: ct));
        if (inserted != 1) return false;
        await AuditTrail.WriteAsync(conn, tx, origin.Actor, "proof.issue", Target(c.Serial),
            $"kind={c.Kind.ShortName()} purpose={c.Purpose.DisplayName()} valid_until={c.ValidUntil.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}",
            origin.ClientAddress, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private const string SelectColumns = """
        SELECT serial, token_seed AS TokenSeed, grzh, purpose, facts, issued_at AS IssuedAt, valid_until AS ValidUntil, revoked_at AS RevokedAt
          FROM certificate
        """;

    public async Task<Certificate?> FindBySeedAsync(byte[] seed, CancellationToken ct)
    {
        var row = await db.ReadAsync(conn => conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            SelectColumns + " WHERE token_seed = @seed", new { seed }, cancellationToken: ct)), ct);
        return row is null ? null : ToCertificate(row);
    }

    public async Task<Certificate?> FindBySerialAsync(string serial, CancellationToken ct)
    {
        var row = await db.ReadAsync(conn => conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            SelectColumns + " WHERE serial = @serial", new { serial }, cancellationToken: ct)), ct);
        return row is null ? null : ToCertificate(row);
    }

    public async Task<IReadOnlyList<Certificate>> ListAsync(string grzh, CancellationToken ct)
    {
        var rows = await db.ReadAsync(conn => conn.QueryAsync<Row>(new CommandDefinition(
            SelectColumns + " WHERE grzh = @grzh ORDER BY issued_at DESC, id DESC LIMIT 100", new { grzh }, cancellationToken: ct)), ct);
        return rows.Select(ToCertificate).ToList();
    }

    public async Task<int> CountIssuedSinceAsync(string grzh, DateTimeOffset since, CancellationToken ct)
    {
        return await db.ReadAsync(conn => conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM certificate WHERE grzh = @grzh AND issued_at >= @since",
            new { grzh, since = since.UtcDateTime }, cancellationToken: ct)), ct);
    }

    public async Task<bool> RevokeAsync(string grzh, string serial, DateTimeOffset at, CertificateOrigin origin, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The account is part of the condition: a serial of someone else's certificate revokes nothing.
        var changed = await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE certificate SET revoked_at = @at WHERE serial = @serial AND grzh = @grzh AND revoked_at IS NULL",
            new { serial, grzh, at = at.UtcDateTime }, tx, cancellationToken: ct));
        if (changed != 1) return false;
        await AuditTrail.WriteAsync(conn, tx, origin.Actor, "proof.revoke", Target(serial), "", origin.ClientAddress, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task AuditVerifyAsync(string? serial, CertificateState state, string? clientAddress, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await AuditTrail.WriteAsync(conn, null, "public", "proof.verify", serial is null ? "proof:none" : Target(serial),
            "result=" + state.ToString().ToLowerInvariant(), clientAddress, ct);
    }

    private Certificate ToCertificate(Row r) => new()
    {
        Serial = r.Serial,
        TokenSeed = r.TokenSeed,
        Grzh = r.Grzh,
        Purpose = (CertificatePurpose)r.Purpose,
        Facts = JsonSerializer.Deserialize<CertificateFacts>(sensitive.Decrypt(r.Facts))
                ?? throw new InvalidOperationException("Certificate facts are empty."),
        IssuedAt = Utc(r.IssuedAt),
        ValidUntil = Utc(r.ValidUntil),
        RevokedAt = r.RevokedAt is { } revoked ? Utc(revoked) : null,
    };

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private sealed class Row
    {
        public string Serial { get; init; } = "";
        public byte[] TokenSeed { get; init; } = [];
        public string Grzh { get; init; } = "";
        public int Purpose { get; init; }
        public byte[] Facts { get; init; } = [];
        public DateTime IssuedAt { get; init; }
        public DateTime ValidUntil { get; init; }
        public DateTime? RevokedAt { get; init; }
    }
}
