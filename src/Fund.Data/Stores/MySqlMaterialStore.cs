using System.Text.Json;
using Dapper;
using Fund.Core.Withdrawals;

namespace Fund.Data.Stores;

/// <summary>提取材料 and the documents uploaded for them. Every read names the owner, so one citizen never sees another's.</summary>
public sealed class MySqlMaterialStore(FundDatabase db)
{
    /// <summary>A new material, audited in the same transaction.</summary>
    public async Task<long> CreateAsync(string grzh, WithdrawalType type, IReadOnlyDictionary<string, string> facts, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO withdrawal_material (grzh, type, facts, created_at)
            VALUES (@grzh, @type, @facts, UTC_TIMESTAMP());
            SELECT LAST_INSERT_ID();
            """, new { grzh, type = (int)type, facts = JsonSerializer.Serialize(facts) }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Citizen(grzh), "material.create", "material:" + id, $"type={(int)type}", ct);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>
    /// Deletes a material and its pending documents, unless an application was ever submitted with it (then it is
    /// kept for the record) or one is open. Returns the stored names of the files to remove, or the problem.
    /// </summary>
    public async Task<(IReadOnlyList<string> Files, string? Problem)> DeleteAsync(string grzh, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var held = await AccountLock.TakeAsync(conn, tx, grzh, ct);
        if (DocumentRules.ChangeProblem(held.Status, held.ApplicationOpen) is { } problem) return ([], problem);
        var mine = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM withdrawal_material WHERE id = @id AND grzh = @grzh FOR UPDATE", new { id, grzh }, tx, cancellationToken: ct));
        if (mine == 0) return ([], "提取材料不存在");
        if (await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM withdrawal WHERE material_id = @id", new { id }, tx, cancellationToken: ct)) > 0)
            return ([], "该材料已用于提取申请，需保留备查，不能删除");
        var files = (await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT stored_name FROM withdrawal_document WHERE material_id = @id AND grzh = @grzh AND withdrawal_id IS NULL",
            new { id, grzh }, tx, cancellationToken: ct))).ToList();
        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM withdrawal_document WHERE material_id = @id AND grzh = @grzh AND withdrawal_id IS NULL;
            DELETE FROM withdrawal_material WHERE id = @id AND grzh = @grzh;
            """, new { id, grzh }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Citizen(grzh), "material.delete", "material:" + id, $"documents={files.Count}", ct);
        await tx.CommitAsync(ct);
        return (files, null);
    }

    public async Task<IReadOnlyList<WithdrawalMaterial>> ListAsync(string grzh, WithdrawalType type, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<MaterialRow>(new CommandDefinition("""
            SELECT id, grzh, type, facts, created_at AS CreatedAt
              FROM withdrawal_material
             WHERE grzh = @grzh AND type = @type
             ORDER BY id DESC
            """, new { grzh, type = (int)type }, cancellationToken: ct));
        return rows.Select(ToMaterial).ToList();
    }

    /// <summary>The material if it belongs to <paramref name="grzh"/>; null otherwise, whoever's it is.</summary>
    public async Task<WithdrawalMaterial?> GetAsync(string grzh, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<MaterialRow>(new CommandDefinition("""
            SELECT id, grzh, type, facts, created_at AS CreatedAt
              FROM withdrawal_material
             WHERE id = @id AND grzh = @grzh
            """, new { id, grzh }, cancellationToken: ct));
        return row is null ? null : ToMaterial(row);
    }

    /// <summary>
    /// Records an uploaded file, already on disk, when <see cref="DocumentRules"/> allow it under the account lock
    /// (no open application, account not closed, the kind offered and under its cap); audited in the same
    /// transaction. Returns the new id, or the problem and nothing written.
    /// </summary>
    public async Task<(long Id, string? Problem)> AddDocumentAsync(string grzh, long materialId, DocumentKind kind, string storedName,
        string keyId, byte[] sha256, string contentType, int size, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var held = await AccountLock.TakeAsync(conn, tx, grzh, ct);
        var type = await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT type FROM withdrawal_material WHERE id = @materialId AND grzh = @grzh FOR UPDATE", new { materialId, grzh }, tx, cancellationToken: ct));
        if (type is null) return (0, "请先选择提取材料");
        var sameKind = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM withdrawal_document WHERE material_id = @materialId AND kind = @kind AND withdrawal_id IS NULL
            """, new { materialId, kind = (int)kind }, tx, cancellationToken: ct));
        if (DocumentRules.UploadProblem((WithdrawalType)type, kind, held.Status, held.ApplicationOpen, sameKind) is { } problem)
            return (0, problem);
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO withdrawal_document (grzh, material_id, kind, stored_name, key_id, sha256, content_type, size_bytes, uploaded_at)
            VALUES (@grzh, @materialId, @kind, @storedName, @keyId, @sha256, @contentType, @size, UTC_TIMESTAMP());
            SELECT LAST_INSERT_ID();
            """, new { grzh, materialId, kind = (int)kind, storedName, keyId, sha256, contentType, size }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Citizen(grzh), "document.upload", "document:" + id, $"material={materialId} kind={(int)kind}", ct);
        await tx.CommitAsync(ct);
        return (id, null);
    }

    /// <summary>
    /// Deletes one of the citizen's pending documents (never one submitted with an application). Returns the stored
    /// name of the file to remove, or the problem.
    /// </summary>
    public async Task<(string? File, string? Problem)> DeleteDocumentAsync(string grzh, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var held = await AccountLock.TakeAsync(conn, tx, grzh, ct);
        if (DocumentRules.ChangeProblem(held.Status, held.ApplicationOpen) is { } problem) return (null, problem);
        var file = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT stored_name FROM withdrawal_document WHERE id = @id AND grzh = @grzh AND withdrawal_id IS NULL FOR UPDATE",
            new { id, grzh }, tx, cancellationToken: ct));
        if (file is null) return (null, "该文件已随申请提交或不存在，不能删除");
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM withdrawal_document WHERE id = @id", new { id }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Citizen(grzh), "document.delete", "document:" + id, "", ct);
        await tx.CommitAsync(ct);
        return (file, null);
    }

    /// <summary>The material's documents not yet submitted with an application: what the next one will carry.</summary>
    public async Task<IReadOnlyList<WithdrawalDocument>> PendingDocumentsAsync(string grzh, long materialId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<DocumentRow>(new CommandDefinition(SelectDocument +
            " WHERE material_id = @materialId AND grzh = @grzh AND withdrawal_id IS NULL ORDER BY kind, id",
            new { materialId, grzh }, cancellationToken: ct));
        return rows.Select(ToDocument).ToList();
    }

    /// <summary>The documents an application was submitted with.</summary>
    public async Task<IReadOnlyList<WithdrawalDocument>> ApplicationDocumentsAsync(long withdrawalId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<DocumentRow>(new CommandDefinition(SelectDocument + " WHERE withdrawal_id = @withdrawalId ORDER BY kind, id",
            new { withdrawalId }, cancellationToken: ct));
        return rows.Select(ToDocument).ToList();
    }

    /// <summary>Documents whose file is not under <paramref name="keyId"/> (or in clear), for re-encryption.</summary>
    public async Task<IReadOnlyList<WithdrawalDocument>> NotUnderKeyAsync(string keyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<DocumentRow>(new CommandDefinition(SelectDocument + " WHERE key_id IS NULL OR key_id <> @keyId ORDER BY id",
            new { keyId }, cancellationToken: ct));
        return rows.Select(ToDocument).ToList();
    }

    /// <summary>After its file was re-encrypted under a new name: the row follows, only if it still names the old file.</summary>
    public async Task<bool> MoveToKeyAsync(long id, string oldStoredName, string newStoredName, string keyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var moved = await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE withdrawal_document SET stored_name = @newStoredName, key_id = @keyId WHERE id = @id AND stored_name = @oldStoredName",
            new { id, oldStoredName, newStoredName, keyId }, tx, cancellationToken: ct)) == 1;
        if (moved) await AuditTrail.WriteAsync(conn, tx, "system:cli", "document.rekey", "document:" + id, "key=" + keyId, ct);
        await tx.CommitAsync(ct);
        return moved;
    }

    /// <summary>Any document by id: callers decide who may see it (its owner, or counter staff).</summary>
    public async Task<WithdrawalDocument?> GetDocumentAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<DocumentRow>(new CommandDefinition(SelectDocument + " WHERE id = @id",
            new { id }, cancellationToken: ct));
        return row is null ? null : ToDocument(row);
    }

    private const string SelectDocument = """
        SELECT id, grzh, material_id AS MaterialId, kind, stored_name AS StoredName, sha256, content_type AS ContentType,
               size_bytes AS SizeBytes, uploaded_at AS UploadedAt, key_id AS KeyId, withdrawal_id AS WithdrawalId
          FROM withdrawal_document
        """;

    private static WithdrawalMaterial ToMaterial(MaterialRow r) => new(r.Id, r.Grzh, (WithdrawalType)r.Type,
        JsonSerializer.Deserialize<Dictionary<string, string>>(r.Facts) ?? [], StoredTime.Utc(r.CreatedAt));

    private static WithdrawalDocument ToDocument(DocumentRow r) => new(r.Id, r.Grzh, r.MaterialId, (DocumentKind)r.Kind, r.StoredName,
        r.Sha256, r.ContentType, r.SizeBytes, StoredTime.Utc(r.UploadedAt), r.KeyId, r.WithdrawalId);


    private sealed class MaterialRow
    {
        public long Id { get; init; }
        public string Grzh { get; init; } = "";
        public int Type { get; init; }
        public string Facts { get; init; } = "{}";
        public DateTime CreatedAt { get; init; }
    }

    private sealed class DocumentRow
    {
        public long Id { get; init; }
        public string Grzh { get; init; } = "";
        public long MaterialId { get; init; }
        public int Kind { get; init; }
        public string StoredName { get; init; } = "";
        public byte[] Sha256 { get; init; } = [];
        public string ContentType { get; init; } = "";
        public int SizeBytes { get; init; }
        public DateTime UploadedAt { get; init; }
        public string? KeyId { get; init; }
        public long? WithdrawalId { get; init; }
    }
}
