using Dapper;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>One line of the audit log. Actor is <c>staff:{username}</c> or <c>citizen:{grzh}</c>; detail never holds personal numbers.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, string Detail, string? ClientAddress = null);

/// <summary>The append-only audit log. Decisions write their line inside their own transaction.</summary>
public sealed class AuditTrail(FundDatabase db)
{
    public static string Staff(string username) => "staff:" + username;
    public static string Citizen(string grzh) => "citizen:" + grzh;
    public static string Withdrawal(long id) => "withdrawal:" + id;

    internal static Task WriteAsync(MySqlConnection conn, MySqlTransaction? tx, string actor, string action, string target, string detail, CancellationToken ct) =>
        WriteAsync(conn, tx, actor, action, target, detail, null, ct);

    internal static Task WriteAsync(MySqlConnection conn, MySqlTransaction? tx, string actor, string action, string target, string detail,
        string? clientAddress, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_log (at, actor, action, target, detail, client_address)
            VALUES (UTC_TIMESTAMP(3), @actor, @action, @target, @detail, @clientAddress)
            """, new { actor, action, target, detail = detail.Length > 400 ? detail[..400] : detail,
                       clientAddress = clientAddress is { Length: > 64 } ? clientAddress[..64] : clientAddress }, tx, cancellationToken: ct));

    public async Task WriteAsync(string actor, string action, string target, string detail, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await WriteAsync(conn, null, actor, action, target, detail, ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> ForTargetAsync(string target, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<(DateTime At, string Actor, string Action, string Target, string Detail, string? ClientAddress)>(new CommandDefinition("""
            SELECT at, actor, action, target, detail, client_address
              FROM audit_log
             WHERE target = @target
             ORDER BY id
            """, new { target }, cancellationToken: ct));
        return rows.Select(r => new AuditEntry(StoredTime.Utc(r.At), r.Actor, r.Action, r.Target, r.Detail, r.ClientAddress)).ToList();
    }
}
