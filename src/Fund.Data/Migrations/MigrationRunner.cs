using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Fund.Data.Migrations;

/// <summary>
/// Applies the embedded <c>NNN_name.sql</c> scripts in order, once each, recording them in schema_migrations.
/// A named lock keeps two instances starting at once from applying the same script twice.
/// </summary>
public sealed class MigrationRunner(FundDatabase db, ILogger<MigrationRunner> logger)
{
    public async Task<int> ApplyAsync(CancellationToken ct)
    {
        await db.EnsureDatabaseExistsAsync(ct);
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT GET_LOCK('fund_migrations', 60)", cancellationToken: ct));
        try
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     VARCHAR(100) NOT NULL PRIMARY KEY,
                    applied_at  DATETIME     NOT NULL
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
                """, cancellationToken: ct));
            var applied = (await conn.QueryAsync<string>(new CommandDefinition(
                "SELECT version FROM schema_migrations", cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);

            var count = 0;
            foreach (var (version, sql) in Scripts())
            {
                if (applied.Contains(version)) continue;
                logger.LogInformation("Applying migration {Version}", version);
                // DDL commits implicitly in MySQL, so a script is not atomic: keep each one small and re-runnable by hand.
                // No command timeout: a script that rewrites a large table (e.g. 110 over millions of accounts) takes
                // longer than the connection's default 30 s, and a timeout would break the connection mid-script.
                await conn.ExecuteAsync(new CommandDefinition(sql, commandTimeout: 0, cancellationToken: ct));
                await conn.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, UTC_TIMESTAMP())",
                    new { version }, cancellationToken: ct));
                count++;
            }
            return count;
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition("SELECT RELEASE_LOCK('fund_migrations')", cancellationToken: CancellationToken.None));
        }
    }

    internal static IEnumerable<(string Version, string Sql)> Scripts()
    {
        var asm = typeof(MigrationRunner).Assembly;
        const string prefix = "Fund.Data.Migrations.";
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name[prefix.Length..^".sql".Length], reader.ReadToEnd());
        }
    }
}
