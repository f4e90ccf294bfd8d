using Dapper;
using Fund.Core.Developments;

namespace Fund.Data.Stores;

public sealed class MySqlPartnerDevelopmentStore(FundDatabase db) : IPartnerDevelopmentStore
{
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

    /// <summary>A citizen typing % or _ means those characters, not LIKE's wildcards.</summary>
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
