using System.Text.Json;
using Dapper;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>Which template a message uses: <c>Wechat:Templates:{key}</c> in configuration names its id.</summary>
public static class TemplateKeys
{
    public const string WithdrawalApproved = "WithdrawalApproved";
    public const string WithdrawalRejected = "WithdrawalRejected";
    public const string WithdrawalPaid = "WithdrawalPaid";
    public const string LoanProgress = "LoanProgress";
    /// <summary>An account security notice (the binding moved away, the password was reset): keyword1–3.</summary>
    public const string AccountSecurity = "AccountSecurity";
}

/// <summary>A message waiting to be sent. Url is a path under the public base URL.</summary>
public sealed record PendingNotification(long Id, string OpenId, string TemplateKey, string Url, IReadOnlyDictionary<string, string> Data, int Attempts);

/// <summary>
/// Template messages written with the decision they announce and delivered afterwards. Each delivery first leases
/// a row by moving its next attempt forward, so two instances never send the same row at once.
/// </summary>
public sealed class NotificationOutbox(FundDatabase db)
{
    public const int MaxAttempts = 8;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Queues a message for the OpenID bound to the account, if any; inside the caller's transaction.</summary>
    internal static Task EnqueueForAccountAsync(MySqlConnection conn, MySqlTransaction tx, string grzh, string templateKey,
        string url, IReadOnlyDictionary<string, string> data, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
            SELECT openid, @templateKey, @url, @data, UTC_TIMESTAMP(), UTC_TIMESTAMP()
              FROM wechat_binding
             WHERE grzh = @grzh
            """, new { grzh, templateKey, url, data = JsonSerializer.Serialize(data) }, tx, cancellationToken: ct));

    /// <summary>Queues a message for one OpenID (say, one that just lost its binding); inside the caller's transaction.</summary>
    internal static Task EnqueueAsync(MySqlConnection conn, MySqlTransaction tx, string openId, string templateKey,
        string url, IReadOnlyDictionary<string, string> data, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
            VALUES (@openId, @templateKey, @url, @data, UTC_TIMESTAMP(), UTC_TIMESTAMP())
            """, new { openId, templateKey, url, data = JsonSerializer.Serialize(data) }, tx, cancellationToken: ct));

    /// <summary>Due rows, each leased to this caller.</summary>
    public async Task<IReadOnlyList<PendingNotification>> LeaseDueAsync(int max, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var due = await conn.QueryAsync<long>(new CommandDefinition("""
            SELECT id FROM notification_outbox
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP()
             ORDER BY id
             LIMIT @max
            """, new { max }, cancellationToken: ct));
        var leased = new List<PendingNotification>();
        foreach (var id in due)
        {
            var won = await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE notification_outbox SET next_attempt_at = @until
                 WHERE id = @id AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP()
                """, new { id, until = DateTime.UtcNow + Lease }, cancellationToken: ct));
            if (won == 0) continue;
            var row = await conn.QuerySingleAsync<(long Id, string OpenId, string TemplateKey, string Url, string Data, int Attempts)>(
                new CommandDefinition("SELECT id, openid, template_key, url, data, attempts FROM notification_outbox WHERE id = @id",
                    new { id }, cancellationToken: ct));
            leased.Add(new PendingNotification(row.Id, row.OpenId, row.TemplateKey, row.Url,
                JsonSerializer.Deserialize<Dictionary<string, string>>(row.Data) ?? [], row.Attempts));
        }
        return leased;
    }

    public async Task MarkSentAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE notification_outbox SET sent_at = UTC_TIMESTAMP(), attempts = attempts + 1, last_error = NULL WHERE id = @id",
            new { id }, cancellationToken: ct));
    }

    /// <summary>Backs off exponentially (30 s, 1 min, 2 min …); after the last attempt the row is marked failed.</summary>
    public async Task MarkAttemptFailedAsync(long id, int attemptsBefore, string error, CancellationToken ct)
    {
        var attempts = attemptsBefore + 1;
        var next = DateTime.UtcNow + TimeSpan.FromSeconds(30 * Math.Pow(2, Math.Min(attempts - 1, 10)));
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_outbox
               SET attempts = @attempts, next_attempt_at = @next, last_error = @error,
                   failed_at = IF(@attempts >= @max, UTC_TIMESTAMP(), NULL)
             WHERE id = @id
            """, new { id, attempts, next, error = error.Length > 300 ? error[..300] : error, max = MaxAttempts }, cancellationToken: ct));
    }

    /// <summary>For tests and the operator: what was queued for an OpenID, oldest first.</summary>
    public async Task<IReadOnlyList<(long Id, string TemplateKey, string Url, DateTime? SentAt, int Attempts, DateTime? FailedAt)>> ForOpenIdAsync(
        string openId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<(long, string, string, DateTime?, int, DateTime?)>(new CommandDefinition(
            "SELECT id, template_key, url, sent_at, attempts, failed_at FROM notification_outbox WHERE openid = @openId ORDER BY id",
            new { openId }, cancellationToken: ct))).ToList();
    }
}
