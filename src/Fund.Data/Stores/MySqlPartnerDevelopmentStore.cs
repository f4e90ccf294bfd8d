using Dapper;
using Fund.Core.Developments;

namespace Fund.Data.Stores;

/// <summary>合作楼盘 for citizens, and the supervisor's edits from the counter console, each audited in its own transaction.</summary>
public sealed class MySqlPartnerDevelopmentStore(FundDatabase db) : IPartnerDevelopmentStore
{
    public static string Target(int id) => "development:" + id;

    public async Task<IReadOnlyList<PartnerDevelopment>> SearchAsync(string? text, string? district, CancellationToken ct)
    {
        var pattern = string.IsNullOrWhiteSpace(text) ? null : "%" + EscapeLike(text.Trim()) + "%";
        var inDistrict = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<PartnerDevelopment>(new CommandDefinition("""
            SELECT id, name, developer, district, address, status, is_demo AS IsDemo
              FROM partner_development
             WHERE (@pattern IS NULL OR name LIKE @pattern OR developer LIKE @pattern OR district LIKE @pattern)
               AND (@inDistrict IS NULL OR district = @inDistrict)
             ORDER BY district, name, id
            """, new { pattern, inDistrict }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<string>> DistrictsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<string>(new CommandDefinition("""
            SELECT DISTINCT district
              FROM partner_development
             ORDER BY district
            """, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<PartnerDevelopment?> GetAsync(int id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<PartnerDevelopment>(new CommandDefinition("""
            SELECT id, name, developer, district, address, status, is_demo AS IsDemo
              FROM partner_development
             WHERE id = @id
            """, new { id }, cancellationToken: ct));
    }

    public async Task<PartnerDevelopmentDetails?> DetailsAsync(int id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<DetailsRow>(new CommandDefinition("""
            SELECT id, name, developer, district, address, status, is_demo AS IsDemo,
                   sales_phone AS SalesPhone, price_note AS PriceNote, loan_banks AS LoanBanks,
                   presale_permit AS PresalePermit, handover, description
              FROM partner_development
             WHERE id = @id
            """, new { id }, cancellationToken: ct));
        return row is null ? null : new PartnerDevelopmentDetails(
            new PartnerDevelopment(row.Id, row.Name, row.Developer, row.District, row.Address, row.Status, row.IsDemo),
            row.SalesPhone, row.PriceNote, row.LoanBanks, row.PresalePermit, row.Handover, row.Description);
    }

    private sealed record DetailsRow(int Id, string Name, string Developer, string District, string Address, string Status,
        bool IsDemo, string? SalesPhone, string? PriceNote, string? LoanBanks, string? PresalePermit, string? Handover, string? Description);

    public async Task<int> AddAsync(DevelopmentDraft d, string staff, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO partner_development (name, developer, district, address, status, is_demo)
            VALUES (@Name, @Developer, @District, @Address, @Status, 0);
            SELECT LAST_INSERT_ID();
            """, d, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Staff(staff), "development.add", Target(id), Describe(d), ct);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>Saving a demo row makes it the centre's own: the demo mark is cleared. False when the row is gone.</summary>
    public async Task<bool> UpdateAsync(int id, DevelopmentDraft d, string staff, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE partner_development
               SET name = @Name, developer = @Developer, district = @District, address = @Address,
                   status = @Status, is_demo = 0
             WHERE id = @id
            """, new { id, d.Name, d.Developer, d.District, d.Address, d.Status }, tx, cancellationToken: ct));
        if (changed == 0) return false;
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Staff(staff), "development.edit", Target(id), Describe(d), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public Task<bool> DeleteAsync(int id, string staff, CancellationToken ct) =>
        AuditedDelete.ByIdAsync(db, "partner_development", id, staff, "development.delete", Target(id), ct);

    private static string Describe(DevelopmentDraft d) =>
        $"name={d.Name}; developer={d.Developer}; district={d.District}; address={d.Address}; status={d.Status}";

    /// <summary>A citizen typing % or _ means those characters, not LIKE's wildcards.</summary>
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
