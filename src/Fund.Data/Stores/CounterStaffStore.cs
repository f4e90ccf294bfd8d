using System.Security.Cryptography;
using Dapper;

namespace Fund.Data.Stores;

public enum CounterRole { Clerk, Supervisor }

public sealed record CounterStaff(string Username, string DisplayName, string PasswordHash, CounterRole Role)
{
    public bool Enabled { get; init; } = true;

    /// <summary>Changes with the password, the role and the enabled flag; a cookie carrying an older one is refused.</summary>
    public string SecurityStamp { get; init; } = "";
}

/// <summary>Counter staff accounts: separate from citizens, with their own hashed passwords and roles.</summary>
/// <remarks>Every change of an account is written with its audit line in one transaction.</remarks>
public sealed class CounterStaffStore(FundDatabase db)
{
    public static string RoleCode(CounterRole role) => role == CounterRole.Supervisor ? "supervisor" : "clerk";

    public static string Target(string username) => "staff:" + username;

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async Task<CounterStaff?> FindAsync(string username, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<(string Username, string DisplayName, string PasswordHash, string Role, bool Enabled, string Stamp)>(
            new CommandDefinition("""
                SELECT username, display_name, password_hash, role, enabled, security_stamp
                  FROM counter_staff
                 WHERE username = @username
                """, new { username }, cancellationToken: ct));
        return rows.Select(r => new CounterStaff(r.Username, r.DisplayName, r.PasswordHash,
            r.Role == "supervisor" ? CounterRole.Supervisor : CounterRole.Clerk) { Enabled = r.Enabled, SecurityStamp = r.Stamp }).SingleOrDefault();
    }

    /// <summary>The demo seeder's write (Development only): creates or overwrites, and signs the member out everywhere.</summary>
    public async Task UpsertAsync(CounterStaff staff, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO counter_staff (username, display_name, password_hash, role, created_at, enabled, security_stamp, password_changed_at)
            VALUES (@Username, @DisplayName, @PasswordHash, @role, UTC_TIMESTAMP(), 1, @stamp, UTC_TIMESTAMP())
            ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), password_hash = VALUES(password_hash), role = VALUES(role),
                                    enabled = 1, security_stamp = VALUES(security_stamp), password_changed_at = VALUES(password_changed_at)
            """, new { staff.Username, staff.DisplayName, staff.PasswordHash, role = RoleCode(staff.Role), stamp = NewStamp() }, cancellationToken: ct));
    }

    /// <summary>Adds a member; false when the username is taken (nothing changes then).</summary>
    public async Task<bool> AddAsync(CounterStaff staff, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var added = await conn.ExecuteAsync(new CommandDefinition("""
            INSERT IGNORE INTO counter_staff (username, display_name, password_hash, role, created_at, enabled, security_stamp, password_changed_at)
            VALUES (@Username, @DisplayName, @PasswordHash, @role, UTC_TIMESTAMP(), 1, @stamp, UTC_TIMESTAMP())
            """, new { staff.Username, staff.DisplayName, staff.PasswordHash, role = RoleCode(staff.Role), stamp = NewStamp() }, tx, cancellationToken: ct));
        if (added == 0) return false;
        await AuditTrail.WriteAsync(conn, tx, actor, "staff.add", Target(staff.Username), "role=" + RoleCode(staff.Role), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Sets a new password and stamp: every session of the member ends. False when there is no such member.</summary>
    public Task<bool> ResetPasswordAsync(string username, string passwordHash, string actor, CancellationToken ct) =>
        ChangeAsync(username, actor, "staff.reset-password", "",
            "password_hash = @passwordHash, password_changed_at = UTC_TIMESTAMP()", new { passwordHash }, ct);

    /// <summary>Disables (or enables) the member and changes the stamp: a disabled member's sessions end at once.</summary>
    public Task<bool> SetEnabledAsync(string username, bool enabled, string actor, CancellationToken ct) =>
        ChangeAsync(username, actor, enabled ? "staff.enable" : "staff.disable", "",
            "enabled = @enabled", new { enabled }, ct);

    private async Task<bool> ChangeAsync(string username, string actor, string action, string detail, string set, object values, CancellationToken ct)
    {
        var parameters = new DynamicParameters(values);
        parameters.Add("username", username);
        parameters.Add("stamp", NewStamp());
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition(
            $"UPDATE counter_staff SET {set}, security_stamp = @stamp WHERE username = @username", parameters, tx, cancellationToken: ct));
        if (changed == 0) return false;
        await AuditTrail.WriteAsync(conn, tx, actor, action, Target(username), detail, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
