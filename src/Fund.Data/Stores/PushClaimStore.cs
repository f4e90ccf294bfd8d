using Dapper;

namespace Fund.Data.Stores;

/// <summary>
/// Claims on WeChat pushes while Redis is away (see the host's dedup fallback): one row per dedup key, the first
/// INSERT wins, the reply is stored on the row. Rows expire with the retry window and are purged as new ones come.
/// </summary>
public sealed class PushClaimStore(FundDatabase db)
{
    /// <summary>Deletes an expired claim on the key (and a few other expired rows), then tries to insert ours.</summary>
    public async Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM push_claim WHERE dedup_key = @dedupKey AND expires_at < UTC_TIMESTAMP(3);
            DELETE FROM push_claim WHERE expires_at < UTC_TIMESTAMP(3) ORDER BY expires_at LIMIT 100;
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

    public async Task ReleaseAsync(string dedupKey, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM push_claim WHERE dedup_key = @dedupKey AND reply IS NULL", new { dedupKey }, cancellationToken: ct));
    }
}
