using Fund.Core.OperatorCertificates;
using Dapper;
using Fund.Core.Employers;
using Fund.Core.Validation;
using Fund.Data.Security;
using Fund.Data.Stores;

namespace Fund.Data.Employers;

/// <summary>专管员 records. Every change is one transaction with its audit line.</summary>
public sealed class EmployerOperatorStore(FundDatabase db, SensitiveData sensitive) : IOperatorDirectory
{
    public static string Actor(long operatorId) => "operator:" + operatorId;
    public static string Target(long operatorId) => "operator:" + operatorId;

    /// <summary>Creates or, for the same employer and ID number, renames and re-keys the operator; returns its id.</summary>
    public async Task<long> UpsertAsync(string dwzh, string name, string idNumber, string passwordHash, string actor, CancellationToken ct)
    {
        var id = IdNumber.Normalize(idNumber);
        // Two saves at once each lock the gap where a new operator's key would go, then wait for the other's to insert:
        // MariaDB rolls one back as a deadlock's victim, and WriteAsync runs it again.
        return await db.WriteAsync(async (conn, tx) =>
        {
            // The same person may still carry the previous key's index during a key rotation: find them under either,
            // so the unique (dwzh, index) key is not side-stepped by a second row under the new index.
            var operatorId = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                "SELECT id FROM employer_operator WHERE dwzh = @dwzh AND id_number_idx IN @idxs FOR UPDATE",
                new { dwzh, idxs = sensitive.BlindIndexes(SensitiveField.IdNumber, id) }, tx, cancellationToken: ct));
            var values = new { operatorId, dwzh, name, enc = sensitive.Encrypt(id), idx = sensitive.BlindIndex(SensitiveField.IdNumber, id), passwordHash, stamp = NewStamp() };
            if (operatorId is null)
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO employer_operator (dwzh, name, id_number_enc, id_number_idx, password_hash, active, security_stamp, created_at)
                    VALUES (@dwzh, @name, @enc, @idx, @passwordHash, 1, @stamp, UTC_TIMESTAMP())
                        ON DUPLICATE KEY UPDATE name = VALUES(name), password_hash = VALUES(password_hash), active = 1, security_stamp = VALUES(security_stamp)
                    """, values, tx, cancellationToken: ct));
                operatorId = await conn.QuerySingleAsync<long>(new CommandDefinition(
                    "SELECT id FROM employer_operator WHERE dwzh = @dwzh AND id_number_idx = @idx", values, tx, cancellationToken: ct));
            }
            else
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE employer_operator
                       SET name = @name, id_number_enc = @enc, id_number_idx = @idx, password_hash = @passwordHash, active = 1, security_stamp = @stamp
                     WHERE id = @operatorId
                    """, values, tx, cancellationToken: ct));
            }
            await AuditTrail.WriteAsync(conn, tx, actor, "operator.save", Target(operatorId.Value), "dwzh=" + dwzh, ct);
            return operatorId.Value;
        }, ct);
    }

    public async Task<EmployerOperator?> FindAsync(string dwzh, string idNumber, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE dwzh = @dwzh AND id_number_idx IN @idxs",
            new { dwzh, idxs = sensitive.BlindIndexes(SensitiveField.IdNumber, IdNumber.Normalize(idNumber)) }, cancellationToken: ct));
        return row is null ? null : ToOperator(row);
    }

    public async Task<EmployerOperator?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToOperator(row);
    }

    public async Task<IReadOnlyList<EmployerOperator>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(Select + " ORDER BY dwzh, id", cancellationToken: ct));
        return rows.Select(ToOperator).ToList();
    }

    public Task<bool> SetActiveAsync(long id, bool active, string actor, CancellationToken ct) =>
        ChangeAsync(id, "UPDATE employer_operator SET active = @active, security_stamp = @stamp WHERE id = @id", new { id, active, stamp = NewStamp() },
            actor, active ? "operator.enable" : "operator.disable", ct);

    public Task<bool> SetPasswordAsync(long id, string passwordHash, string actor, CancellationToken ct) =>
        ChangeAsync(id, "UPDATE employer_operator SET password_hash = @passwordHash, security_stamp = @stamp WHERE id = @id",
            new { id, passwordHash, stamp = NewStamp() },
            actor, "operator.password-reset", ct);

    private async Task<bool> ChangeAsync(long id, string sql, object args, string actor, string action, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct)) == 0) return false;
        await AuditTrail.WriteAsync(conn, tx, actor, action, Target(id), "", ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private const string Select =
        "SELECT id, dwzh, name, id_number_enc AS IdNumberEnc, password_hash AS PasswordHash, active, security_stamp AS SecurityStamp FROM employer_operator";

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private EmployerOperator ToOperator(Row r) =>
        new(r.Id, r.Dwzh, r.Name, sensitive.Decrypt(r.IdNumberEnc), r.PasswordHash, r.Active, r.SecurityStamp);

    private sealed class Row
    {
        public long Id { get; init; }
        public string Dwzh { get; init; } = "";
        public string Name { get; init; } = "";
        public byte[] IdNumberEnc { get; init; } = [];
        public string PasswordHash { get; init; } = "";
        public bool Active { get; init; }
        public string SecurityStamp { get; init; } = "";
    }
}
