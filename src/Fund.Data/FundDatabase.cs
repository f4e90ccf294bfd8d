using Dapper;
using MySqlConnector;

namespace Fund.Data;

/// <summary>The fund's MySQL database; each call opens a pooled connection.</summary>
/// <remarks>
/// Two pools on the one connection string. <see cref="OpenAsync"/>'s connections are reset on every open (MySqlConnector's
/// <c>COM_RESET_CONNECTION</c>, then <c>SET NAMES</c>: two extra round trips), so session state a write left behind
/// (a transaction's isolation level, <c>GET_LOCK</c>, user variables) never reaches the next user. <see cref="OpenReadAsync"/>'s
/// are not reset: they are for single autocommit <c>SELECT</c>s only (no transaction, no <c>SET</c>, no lock, no
/// temporary table), which leave no state, so the hot reads (a chat's bound account, the statement page) cost one round
/// trip instead of three.
/// </remarks>
public sealed class FundDatabase(MySqlDataSource dataSource)
{
    private readonly MySqlDataSource _reads = Source(
        new MySqlConnectionStringBuilder(dataSource.ConnectionString) { ConnectionReset = false }.ConnectionString);

    /// <summary>
    /// A data source whose trace spans (when the host records traces) follow OpenTelemetry's stable database
    /// conventions: a failed command's span carries MariaDB's error number, not an "exception" event with the message
    /// and stack trace — MariaDB's messages quote values (a duplicate key names the OpenID or 个人账号 it collided on),
    /// and no span processor can take an event off a span again (attack run, docs/security.md).
    /// </summary>
    public static MySqlDataSource Source(string connectionString) =>
        new MySqlDataSourceBuilder(connectionString)
            .ConfigureTracing(t => t.WithSemanticConventionsKinds(MySqlConnectorSemanticConventionsKinds.Stable))
            .Build();

    public MySqlDataSource DataSource => dataSource;

    public async Task<MySqlConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    /// <summary>A pooled connection that is not reset: for one autocommit SELECT that leaves no session state.</summary>
    public async Task<MySqlConnection> OpenReadAsync(CancellationToken ct) => await _reads.OpenConnectionAsync(ct);

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
