using Dapper;
using Fund.Core.Outlets;

namespace Fund.Data.Stores;

public sealed class MySqlOutletStore(FundDatabase db) : IOutletStore
{
    public async Task<IReadOnlyList<ServiceOutlet>> GetAllAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            SELECT id, name, address, hours, phone, latitude, longitude
              FROM service_outlet
             ORDER BY id
            """, cancellationToken: ct));
        return rows.Select(r => new ServiceOutlet(r.Id, r.Name, r.Address, r.Hours, r.Phone, (double)r.Latitude, (double)r.Longitude)).ToList();
    }

    private sealed class Row
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public string Address { get; init; } = "";
        public string Hours { get; init; } = "";
        public string Phone { get; init; } = "";
        public decimal Latitude { get; init; }
        public decimal Longitude { get; init; }
    }
}
