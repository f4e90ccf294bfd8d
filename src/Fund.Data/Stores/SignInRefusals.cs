using Dapper;
using Fund.Core.Security;

namespace Fund.Data.Stores;

/// <summary>Refused sign-ins of one window, one kind, one account, one asker and one address.</summary>
public sealed record SignInRefusal(DateTime WindowStart, string Action, string Target, string Actor, string ClientAddress, int Tries,
    DateTime FirstAt, DateTime LastAt, string Detail);

/// <summary>
/// Refused sign-ins as counts (<c>signin_refusal</c>): one row per <see cref="SignInRules.RefusalWindow"/>, kind,
/// account tried, asker and client address, its count raised by each further refusal. Successful sign-ins and every
/// change an account undergoes stay in <see cref="AuditTrail"/>.
/// </summary>
public sealed class SignInRefusals(FundDatabase db, TimeProvider clock)
{
    public async Task RecordAsync(string action, string target, string? actor, string? clientAddress, string detail, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO signin_refusal (window_start, action, target, actor, client_address, tries, first_at, last_at, detail)
            VALUES (@windowStart, @action, @target, @actor, @address, 1, @now, @now, @detail)
                ON DUPLICATE KEY UPDATE tries = tries + 1, last_at = VALUES(last_at)
            """, new
            {
                windowStart = SignInRules.RefusalWindowStart(now), action, now,
                target = Cut(target, 80), actor = Cut(actor ?? "-", 80), address = Cut(clientAddress ?? "unknown", 64), detail = Cut(detail, 200),
            }, cancellationToken: ct));
    }

    /// <summary>Every window in which the account was refused, newest first: who tried it, from where, how often.</summary>
    public async Task<IReadOnlyList<SignInRefusal>> ForTargetAsync(string target, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<SignInRefusal>(new CommandDefinition("""
            SELECT window_start AS WindowStart, action, target, actor, client_address AS ClientAddress, tries,
                   first_at AS FirstAt, last_at AS LastAt, detail
              FROM signin_refusal
             WHERE target = @target
             ORDER BY window_start DESC, action, client_address
            """, new { target }, cancellationToken: ct))).ToList();
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}
