using Dapper;

namespace Fund.Data.Stores;

/// <summary>Removes one reference row by id and records its name in the audit log, in one transaction.</summary>
internal static class AuditedDelete
{
    /// <param name="table">A table name from our own code, never from input: it is written into the SQL.</param>
    /// <returns>False when the row is already gone.</returns>
    public static async Task<bool> ByIdAsync(FundDatabase db, string table, int id, string staff, string action, string target, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var name = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT name FROM {table} WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        if (name is null) return false;
        await conn.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE id = @id", new { id }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Staff(staff), action, target, "name=" + name, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
