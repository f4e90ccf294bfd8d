using System.Globalization;
using Dapper;
using Fund.Core.Outlets;

namespace Fund.Data.Stores;

/// <summary>服务网点 for citizens, and the supervisor's edits from the counter console, each audited in its own transaction.</summary>
public sealed class MySqlOutletStore(FundDatabase db) : IOutletStore
{
    public static string Target(int id) => "outlet:" + id;

    public async Task<IReadOnlyList<ServiceOutlet>> GetAllAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            SELECT id, name, address, hours, phone, latitude, longitude, is_demo AS IsDemo
              FROM service_outlet
             ORDER BY id
            """, cancellationToken: ct));
        return rows.Select(r => r.ToOutlet()).ToList();
    }

    public async Task<ServiceOutlet?> GetAsync(int id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT id, name, address, hours, phone, latitude, longitude, is_demo AS IsDemo
              FROM service_outlet
             WHERE id = @id
            """, new { id }, cancellationToken: ct));
        return row?.ToOutlet();
    }

    public async Task<int> AddAsync(OutletDraft o, string staff, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO service_outlet (name, address, hours, phone, latitude, longitude, is_demo)
            VALUES (@Name, @Address, @Hours, @Phone, @Latitude, @Longitude, 0);
            SELECT LAST_INSERT_ID();
            """, o, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Staff(staff), "outlet.add", Target(id), Describe(o), ct);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>Saving a demo row makes it the centre's own: the demo mark is cleared. False when the row is gone.</summary>
    public async Task<bool> UpdateAsync(int id, OutletDraft o, string staff, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE service_outlet
               SET name = @Name, address = @Address, hours = @Hours, phone = @Phone,
                   latitude = @Latitude, longitude = @Longitude, is_demo = 0
             WHERE id = @id
            """, new { id, o.Name, o.Address, o.Hours, o.Phone, o.Latitude, o.Longitude }, tx, cancellationToken: ct));
        if (changed == 0) return false;
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Staff(staff), "outlet.edit", Target(id), Describe(o), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public Task<bool> DeleteAsync(int id, string staff, CancellationToken ct) =>
        AuditedDelete.ByIdAsync(db, "service_outlet", id, staff, "outlet.delete", Target(id), ct);

    private static string Describe(OutletDraft o) => string.Create(CultureInfo.InvariantCulture,
        $"name={o.Name}; address={o.Address}; hours={o.Hours}; phone={o.Phone}; lat={o.Latitude}; lon={o.Longitude}");

    private sealed class Row
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public string Address { get; init; } = "";
        public string Hours { get; init; } = "";
        public string Phone { get; init; } = "";
        public decimal Latitude { get; init; }
        public decimal Longitude { get; init; }
        public bool IsDemo { get; init; }

        public ServiceOutlet ToOutlet() => new(Id, Name, Address, Hours, Phone, (double)Latitude, (double)Longitude, IsDemo);
    }
}
