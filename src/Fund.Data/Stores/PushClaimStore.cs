using Dapper;

namespace Fund.Data.Stores;

/// <summary>
/// Claims on WeChat pushes while Redis is away (see the host's dedup fallback): one row per dedup key, the first
/// INSERT wins, the reply is stored on the row. Rows expire with the retry window and are purged as new ones come.
/// </summary>
public sealed class PushClaimStore(FundDatabase db)
{
    /// <summary>
    /// Deletes an expired claim on the key, then tries to insert ours. Other expired rows are left to
    /// <see cref="PurgeExpiredAsync"/>: deleting the oldest of them here, in every claim, made every claim of an outage
    /// queue behind the others' locks on the same rows (a fault run's pushes waited 4–5 s each with 10,000 expired rows).
    /// </summary>
    public async Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM push_claim WHERE dedup_key = @dedupKey AND expires_at < UTC_TIMESTAMP(3)
            """, new { dedupKey }, cancellationToken: ct));
        return await conn.ExecuteAsync(new CommandDefinition("""
            INSERT IGNORE INTO push_claim (dedup_key, claimed_at, expires_at)
            VALUES (@dedupKey, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL @ms * 1000 MICROSECOND)
            """, new { dedupKey, ms = (long)lifetime.TotalMilliseconds }, cancellationToken: ct)) == 1;
    }

    /// <summary>(exists, reply): whether an unexpired claim exists, and its reply once stored.</summary>
    public async Task<(bool Exists, string? Reply)> GetAsync(string dedupKey, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Key, string? Reply)?>(new CommandDefinition("""
            SELECT dedup_key, reply FROM push_claim WHERE dedup_key = @dedupKey AND expires_at >= UTC_TIMESTAMP(3)
            """, new { dedupKey }, cancellationToken: ct));
        return row is { } r ? (true, r.Reply) : (false, null);
    }

    public async Task StoreReplyAsync(string dedupKey, string reply, TimeSpan lifetime, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE push_claim SET reply = @reply, expires_at = UTC_TIMESTAMP(3) + INTERVAL @ms * 1000 MICROSECOND
             WHERE dedup_key = @dedupKey
            """, new { dedupKey, reply, ms = (long)lifetime.TotalMilliseconds }, cancellationToken: ct));
    }

    /// <summary>
    /// Claims made elsewhere (in Redis, just before it went away), with their replies where known; a key already
    /// claimed here keeps its row. Multi-row statements: it runs at the start of an outage, while retries are on the way.
    /// </summary>
    public async Task HandOverAsync(IReadOnlyList<(string DedupKey, string? Reply)> claims, TimeSpan lifetime, CancellationToken ct)
    {
        if (claims.Count == 0) return;
        await using var conn = await db.OpenAsync(ct);
        foreach (var batch in claims.Chunk(200))
        {
            var parameters = new DynamicParameters(new { ms = (long)lifetime.TotalMilliseconds });
            var rows = new List<string>(batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                parameters.Add($"k{i}", batch[i].DedupKey);
                parameters.Add($"r{i}", batch[i].Reply);
                rows.Add($"(@k{i}, @r{i}, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL @ms * 1000 MICROSECOND)");
            }
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT IGNORE INTO push_claim (dedup_key, reply, claimed_at, expires_at) VALUES " + string.Join(",\n", rows),
                parameters, cancellationToken: ct));
        }
    }

    /// <summary>
    /// Deletes up to <paramref name="limit"/> expired rows, the oldest first; how many it deleted. The rows are found by
    /// a plain read and deleted by key: a DELETE ranging over the expiry index would lock the gap after the expired rows,
    /// where every new claim is inserted, and hold up claims and hand-overs for as long as it ran.
    /// </summary>
    public async Task<int> PurgeExpiredAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var keys = (await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT dedup_key FROM push_claim WHERE expires_at < UTC_TIMESTAMP(3) ORDER BY expires_at LIMIT @limit",
            new { limit }, cancellationToken: ct))).AsList();
        if (keys.Count == 0) return 0;
        // Still expired at the delete: a key claimed again in between (a new row) is left alone.
        return await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM push_claim WHERE dedup_key IN @keys AND expires_at < UTC_TIMESTAMP(3)", new { keys }, cancellationToken: ct));
    }

    public async Task ReleaseAsync(string dedupKey, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM push_claim WHERE dedup_key = @dedupKey AND reply IS NULL", new { dedupKey }, cancellationToken: ct));
    }
}
