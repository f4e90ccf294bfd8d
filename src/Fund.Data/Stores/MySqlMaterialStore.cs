using System.Text.Json;
using Dapper;
using Fund.Core.Withdrawals;

namespace Fund.Data.Stores;

/// <summary>提取材料 and the documents uploaded for them. Every read names the owner, so one citizen never sees another's.</summary>
public sealed class MySqlMaterialStore(FundDatabase db)
{
    public async Task<long> CreateAsync(string grzh, WithdrawalType type, IReadOnlyDictionary<string, string> facts, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO withdrawal_material (grzh, type, facts, created_at)
            VALUES (@grzh, @type, @facts, UTC_TIMESTAMP());
            SELECT LAST_INSERT_ID();
            """, new { grzh, type = (int)type, facts = JsonSerializer.Serialize(facts) }, cancellationToken: ct));
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

    public async Task<long> AddDocumentAsync(string grzh, long materialId, DocumentKind kind, string storedName, byte[] sha256,
        string contentType, int size, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO withdrawal_document (grzh, material_id, kind, stored_name, sha256, content_type, size_bytes, uploaded_at)
            VALUES (@grzh, @materialId, @kind, @storedName, @sha256, @contentType, @size, UTC_TIMESTAMP());
            SELECT LAST_INSERT_ID();
            """, new { grzh, materialId, kind = (int)kind, storedName, sha256, contentType, size }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<WithdrawalDocument>> DocumentsAsync(long materialId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<DocumentRow>(new CommandDefinition(SelectDocument + " WHERE material_id = @materialId ORDER BY kind, id",
            new { materialId }, cancellationToken: ct));
        return rows.Select(ToDocument).ToList();
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
               size_bytes AS SizeBytes, uploaded_at AS UploadedAt
          FROM withdrawal_document
        """;

    private static WithdrawalMaterial ToMaterial(MaterialRow r) => new(r.Id, r.Grzh, (WithdrawalType)r.Type,
        JsonSerializer.Deserialize<Dictionary<string, string>>(r.Facts) ?? [], Utc(r.CreatedAt));

    private static WithdrawalDocument ToDocument(DocumentRow r) => new(r.Id, r.Grzh, r.MaterialId, (DocumentKind)r.Kind, r.StoredName,
        r.Sha256, r.ContentType, r.SizeBytes, Utc(r.UploadedAt));

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));

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
    }
}
