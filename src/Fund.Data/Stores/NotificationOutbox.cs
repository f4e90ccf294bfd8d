using System.Text.Json;
using Dapper;
using MySqlConnector;
using OutboxRow = (long Id, string OpenId, string TemplateKey, string Url, string Data, int Attempts, System.DateTime CreatedAt);

namespace Fund.Data.Stores;

/// <summary>Which template a message uses: <c>Wechat:Templates:{key}</c> in configuration names its id.</summary>
public static class TemplateKeys
{
    public const string WithdrawalApproved = "WithdrawalApproved";
    public const string WithdrawalRejected = "WithdrawalRejected";
    public const string WithdrawalPaid = "WithdrawalPaid";
    public const string LoanProgress = "LoanProgress";
    public const string ContributionReceived = "ContributionReceived";
    /// <summary>An account security notice (the binding moved away, the password was reset): keyword1–3.</summary>
    public const string AccountSecurity = "AccountSecurity";
}

/// <summary>A message waiting to be sent. Url is a path under the public base URL; CreatedAt (UTC) is when it was queued,
/// in the transaction of the decision it announces.</summary>
public sealed record PendingNotification(long Id, string OpenId, string TemplateKey, string Url, IReadOnlyDictionary<string, string> Data, int Attempts,
    DateTime CreatedAt = default);

/// <summary>
/// Template messages written with the decision they announce and delivered afterwards. Each delivery first leases
/// a row by moving its next attempt forward, so two instances never send the same row at once; the lease outlasts
/// a send's own time limit, so it cannot run out while the send is under way.
/// </summary>
public sealed class NotificationOutbox(FundDatabase db)
{
    public const int MaxAttempts = 8;
    /// <summary>How long a leased row stays with its sender; a sender that dies mid-way frees it when this runs out.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Queues a message for the OpenID bound to the account, if any; inside the caller's transaction.</summary>
    internal static Task EnqueueForAccountAsync(MySqlConnection conn, MySqlTransaction tx, string grzh, string templateKey,
        string url, IReadOnlyDictionary<string, string> data, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
            SELECT openid, @templateKey, @url, @data, UTC_TIMESTAMP(), UTC_TIMESTAMP()
              FROM wechat_binding
             WHERE grzh = @grzh
            """, new { grzh, templateKey, url, data = JsonSerializer.Serialize(data) }, tx, cancellationToken: ct));

    /// <summary>
    /// Queues one message per bound account of many (a remittance tells thousands at once): the bindings are read in
    /// chunks, the rows written many to a statement; inside the caller's transaction.
    /// </summary>
    internal static async Task EnqueueForAccountsAsync(MySqlConnection conn, MySqlTransaction tx, string templateKey, string url,
        IReadOnlyList<(string Grzh, IReadOnlyDictionary<string, string> Data)> messages, CancellationToken ct)
    {
        foreach (var chunk in messages.Chunk(1000))
        {
            var bound = await conn.QueryAsync<(string Grzh, string OpenId)>(new CommandDefinition(
                "SELECT grzh, openid FROM wechat_binding WHERE grzh IN @grzhs", new { grzhs = chunk.Select(m => m.Grzh).ToArray() },
                tx, cancellationToken: ct));
            var openIds = bound.ToLookup(b => b.Grzh, b => b.OpenId);
            var rows = chunk.SelectMany(m => openIds[m.Grzh].Select(openId => (OpenId: openId, m.Data))).ToList();
            if (rows.Count == 0) continue;
            var sql = new System.Text.StringBuilder(
                "INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at) VALUES ");
            var p = new DynamicParameters(new { templateKey, url });
            for (var i = 0; i < rows.Count; i++)
            {
                if (i > 0) sql.Append(',');
                sql.Append($"(@o{i}, @templateKey, @url, @d{i}, UTC_TIMESTAMP(), UTC_TIMESTAMP())");
                p.Add("o" + i, rows[i].OpenId);
                p.Add("d" + i, JsonSerializer.Serialize(rows[i].Data));
            }
            await conn.ExecuteAsync(new CommandDefinition(sql.ToString(), p, tx, cancellationToken: ct));
        }
    }

    /// <summary>Queues a message for one OpenID (say, one that just lost its binding); inside the caller's transaction.</summary>
    internal static Task EnqueueAsync(MySqlConnection conn, MySqlTransaction tx, string openId, string templateKey,
        string url, IReadOnlyDictionary<string, string> data, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
            VALUES (@openId, @templateKey, @url, @data, UTC_TIMESTAMP(), UTC_TIMESTAMP())
            """, new { openId, templateKey, url, data = JsonSerializer.Serialize(data) }, tx, cancellationToken: ct));

    /// <summary>
    /// Up to <paramref name="max"/> of the rows due longest, leased to this caller in one UPDATE (a month-end
    /// remittance queues hundreds of thousands; one round trip per row would cap the sender). The candidates are read
    /// first, then claimed by their keys, on condition that each is still due (its next attempt not moved past a lease),
    /// under a fresh token: of two instances racing for a row exactly one changes it, and each reads back only the rows its
    /// token won. Keys are claimed in ascending order, as every batch write here does, so two claims cannot deadlock
    /// each other; one that claims nothing (every candidate taken by another sender meanwhile, or a deadlock victim)
    /// reads the candidates again, up to <see cref="MaxLeaseRounds"/> times, and is empty only when none is due. The
    /// candidates come in the due index's own order (next attempt, then key), so the read stops after
    /// <paramref name="max"/> index entries; ordering by key alone sorted every due row on each lease, and with
    /// 300,000 due that sort was the sender's bottleneck.
    /// </summary>
    public async Task<IReadOnlyList<PendingNotification>> LeaseBatchAsync(int max, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        // Senders that read the same candidates race for them and all but one claim nothing: a loser reads again (the
        // winner's rows are no longer due) rather than report an empty outbox, which would end its drain while rows wait.
        for (var round = 0; ; round++)
        {
            var due = (await conn.QueryAsync<long>(new CommandDefinition("""
                SELECT id FROM notification_outbox
                 WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP()
                 ORDER BY next_attempt_at, id
                 LIMIT @max
                """, new { max }, cancellationToken: ct))).ToList();
            if (due.Count == 0) return [];
            var token = Guid.NewGuid().ToString("N");
            int claimed;
            try
            {
                claimed = await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE notification_outbox
                       SET next_attempt_at = UTC_TIMESTAMP() + INTERVAL @leaseSeconds SECOND, lease_token = @token
                     WHERE id IN @due AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP()
                     ORDER BY id
                    """, new { due, token, leaseSeconds = (int)Lease.TotalSeconds }, cancellationToken: ct));
            }
            catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
                claimed = 0;
            }
            if (claimed > 0) return await LeasedAsync(conn, token, due, ct);
            if (round == MaxLeaseRounds - 1) return [];
        }
    }

    /// <summary>How many times a batch lease that lost every candidate to other senders reads again.</summary>
    private const int MaxLeaseRounds = 16;

    private static async Task<IReadOnlyList<PendingNotification>> LeasedAsync(MySqlConnection conn, string token, List<long> due, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<OutboxRow>(
            new CommandDefinition("""
                SELECT id, openid, template_key, url, data, attempts, created_at FROM notification_outbox
                 WHERE lease_token = @token AND id IN @due ORDER BY id
                """, new { token, due }, cancellationToken: ct));
        return rows.Select(ToPending).ToList();
    }

    /// <summary>An outbox row as the leases read it (Dapper maps a tuple by position, the columns' snake_case names aside).</summary>
    private static PendingNotification ToPending(OutboxRow r) => new(r.Id, r.OpenId, r.TemplateKey, r.Url,
        JsonSerializer.Deserialize<Dictionary<string, string>>(r.Data) ?? [], r.Attempts, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc));

    /// <summary>Records many sends at once (the rows a batch delivered); ascending keys, like the lease.</summary>
    public async Task MarkSentAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_outbox SET sent_at = UTC_TIMESTAMP(), attempts = attempts + 1, last_error = NULL, lease_token = NULL
             WHERE id IN @ids ORDER BY id
            """, new { ids = ids.Order().ToArray() }, cancellationToken: ct));
    }

    /// <summary>
    /// Gives a row up at once, with the reason (WeChat said it can never be delivered: the citizen unfollowed the
    /// account, the OpenID is not ours): retrying would only spend quota.
    /// </summary>
    public async Task GiveUpAsync(long id, int attemptsBefore, string reason, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_outbox
               SET attempts = @attempts, last_error = @reason, failed_at = UTC_TIMESTAMP(), lease_token = NULL
             WHERE id = @id
            """, new { id, attempts = attemptsBefore + 1, reason = Clip(reason) }, cancellationToken: ct));
    }

    /// <summary>
    /// Hands leased rows back unsent, due again at <paramref name="dueAt"/>, without counting an attempt: WeChat
    /// refused for reasons of its own (45009, the quota is spent) or the sender is stopping before it began them.
    /// </summary>
    public async Task DeferAsync(IReadOnlyCollection<long> ids, DateTime dueAt, string? reason, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_outbox SET next_attempt_at = @dueAt, last_error = COALESCE(@reason, last_error), lease_token = NULL
             WHERE id IN @ids AND sent_at IS NULL AND failed_at IS NULL ORDER BY id
            """, new { ids = ids.Order().ToArray(), dueAt, reason = reason is null ? null : Clip(reason) }, cancellationToken: ct));
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] : text;

    /// <summary>Backs off exponentially (30 s, 1 min, 2 min …); after the last attempt the row is marked failed.</summary>
    /// <param name="firstDelay">The first back-off (30 s unless given); each later attempt waits twice as long.</param>
    public async Task MarkAttemptFailedAsync(long id, int attemptsBefore, string error, CancellationToken ct, TimeSpan? firstDelay = null)
    {
        var attempts = attemptsBefore + 1;
        var next = DateTime.UtcNow + (firstDelay ?? TimeSpan.FromSeconds(30)) * Math.Pow(2, Math.Min(attempts - 1, 10));
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_outbox
               SET attempts = @attempts, next_attempt_at = @next, last_error = @error, lease_token = NULL,
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
