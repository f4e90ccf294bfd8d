using System.Net.Sockets;
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
    private readonly string _readConnectionString = WithoutReset(dataSource.ConnectionString);

    // Replaced by a fresh one when the server ended its connections (ReadAsync): MySqlConnection.ClearPoolAsync does
    // not reach a data source's own pool.
    private MySqlDataSource _reads = Source(WithoutReset(dataSource.ConnectionString));

    private static string WithoutReset(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { ConnectionReset = false }.ConnectionString;

    private MySqlDataSource Reads => Volatile.Read(ref _reads);

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
    /// <remarks>Nothing checks that the server still holds it; requests' reads go through <see cref="ReadAsync"/>.</remarks>
    public async Task<MySqlConnection> OpenReadAsync(CancellationToken ct) => await Reads.OpenConnectionAsync(ct);

    /// <summary>
    /// Runs <paramref name="read"/> (autocommit SELECTs only, as for <see cref="OpenReadAsync"/>) on a read connection,
    /// once more on a fresh one when the pooled connection turns out to be dead.
    /// </summary>
    /// <remarks>
    /// A restart of MariaDB ends every connection the pools hold. The write pool's reset on open finds a dead one and
    /// opens another; the read pool skips that round trip, so each of its stale connections would fail one request
    /// (a 503 page). On such a failure the whole read pool is replaced by a fresh one (the others are as dead) and the read runs
    /// again. Only reads: a write whose connection died may have committed, and is never repeated here.
    /// </remarks>
    public async Task<T> ReadAsync<T>(Func<MySqlConnection, Task<T>> read, CancellationToken ct)
    {
        var source = Reads;
        MySqlConnection? conn = null;
        try
        {
            conn = await source.OpenConnectionAsync(ct);
            return await read(conn);
        }
        catch (Exception ex) when (conn is not null && !ct.IsCancellationRequested && IsConnectionLost(ex))
        {
            // A fresh pool in place of the dead one (once, however many reads failed at the same moment); the old one
            // is disposed once the reads still using it are long done.
            if (Interlocked.CompareExchange(ref _reads, Source(_readConnectionString), source) == source)
                _ = Task.Delay(TimeSpan.FromMinutes(2), CancellationToken.None).ContinueWith(_ => source.DisposeAsync().AsTask(), TaskScheduler.Default);
        }
        finally
        {
            if (conn is not null) await conn.DisposeAsync();
        }

        await using var fresh = await OpenReadAsync(ct);
        return await read(fresh);
    }

    /// <summary>How many times <see cref="WriteAsync{T}"/> runs a transaction in all when MariaDB keeps choosing it as a deadlock's victim.</summary>
    private const int DeadlockAttempts = 4;

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction on a write connection and commits it. A transaction MariaDB
    /// chose as a deadlock's victim was rolled back whole, so it runs again from the start on a fresh connection, after
    /// a short random pause, up to <see cref="DeadlockAttempts"/> times: two clerks saving at the same moment each get
    /// their save instead of one of them an error page. <paramref name="write"/> may therefore run more than once and
    /// must change nothing outside its transaction (what follows a commit, such as publishing a version, the caller does
    /// once this returns).
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<MySqlConnection, MySqlTransaction, Task<T>> write, CancellationToken ct,
        System.Data.IsolationLevel isolation = System.Data.IsolationLevel.Unspecified)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var conn = await OpenAsync(ct);
                await using var tx = await conn.BeginTransactionAsync(isolation, ct);
                var result = await write(conn, tx);
                await tx.CommitAsync(ct);
                return result;
            }
            catch (MySqlException e) when (IsDeadlock(e) && attempt < DeadlockAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 40) * attempt), ct);
            }
        }
    }

    /// <summary>MariaDB broke a deadlock by rolling this transaction back (all of it: nothing of it was kept).</summary>
    private static bool IsDeadlock(MySqlException e) => e.ErrorCode == MySqlErrorCode.LockDeadlock;

    /// <summary>The server ended the connection (killed, shutting down, gone), as opposed to an error in the statement.</summary>
    internal static bool IsConnectionLost(Exception ex) => ex switch
    {
        // MariaDB's ER_CONNECTION_KILLED (1927; not in MySqlErrorCode) and ER_SERVER_SHUTDOWN (1053).
        MySqlException { Number: 1927 or (int)MySqlErrorCode.ServerShutdown } => true,
        MySqlException { InnerException: { } inner } => IsConnectionLost(inner),
        IOException or SocketException => true,
        _ => false,
    };

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
