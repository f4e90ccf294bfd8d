using Dapper;

namespace Fund.Data.Stores;

public enum CounterRole { Clerk, Supervisor }

public sealed record CounterStaff(string Username, string DisplayName, string PasswordHash, CounterRole Role);

/// <summary>Counter staff accounts: separate from citizens, with their own hashed passwords and roles.</summary>
public sealed class CounterStaffStore(FundDatabase db)
{
    public static string RoleCode(CounterRole role) => role == CounterRole.Supervisor ? "supervisor" : "clerk";

    public async Task<CounterStaff?> FindAsync(string username, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<(string Username, string DisplayName, string PasswordHash, string Role)>(
            new CommandDefinition("SELECT username, display_name, password_hash, role FROM counter_staff WHERE username = @username",
                new { username }, cancellationToken: ct));
        return rows.Select(r => new CounterStaff(r.Username, r.DisplayName, r.PasswordHash,
            r.Role == "supervisor" ? CounterRole.Supervisor : CounterRole.Clerk)).SingleOrDefault();
    }

    public async Task UpsertAsync(CounterStaff staff, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO counter_staff (username, display_name, password_hash, role, created_at)
            VALUES (@Username, @DisplayName, @PasswordHash, @role, UTC_TIMESTAMP())
            ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), password_hash = VALUES(password_hash), role = VALUES(role)
            """, new { staff.Username, staff.DisplayName, staff.PasswordHash, role = RoleCode(staff.Role) }, cancellationToken: ct));
    }
}
