using Dapper;
using MySqlConnector;

namespace Fund.Data;

/// <summary>The one data source for the fund's MySQL database; each call opens a pooled connection.</summary>
public sealed class FundDatabase(MySqlDataSource dataSource)
{
    public MySqlDataSource DataSource => dataSource;

    public async Task<MySqlConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    /// <summary>Creates the configured database if missing, connecting without it first.</summary>
    public async Task EnsureDatabaseExistsAsync(CancellationToken ct)
    {
        var builder = new MySqlConnectionStringBuilder(dataSource.ConnectionString);
        var name = builder.Database;
        if (string.IsNullOrEmpty(name)) throw new InvalidOperationException("ConnectionStrings:Fund names no database.");
        builder.Database = "";
        await using var conn = new MySqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            $"CREATE DATABASE IF NOT EXISTS `{name.Replace("`", "``", StringComparison.Ordinal)}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
            cancellationToken: ct));
    }
}
