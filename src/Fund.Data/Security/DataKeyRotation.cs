using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Fund.Data.Stores;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Fund.Data.Security;

/// <summary>Where a pass is after one batch, for the verb's progress line.</summary>
public sealed record RotationProgress(string Table, long TableRowsDone, long TableRows, long ValuesChanged, long Unreadable);

/// <summary>What one run of `keys rotate` did. <see cref="Left"/> counts ciphertexts still not under the current key afterwards.</summary>
public sealed record RotationResult(long PassId, bool Resumed, bool Finished, long RowsSeen, long ValuesChanged, long Unreadable,
    long IndexMatchedNeither, IReadOnlyList<string> UnreadableExamples, IReadOnlyDictionary<string, long> Left);

/// <summary>
/// Moves every value of <see cref="DataKeyTables"/> under the current <c>Fund:EncryptionKey</c> and
/// <c>Fund:BlindIndexKey</c> while the service runs: batches in primary-key order, each one transaction that locks its
/// rows (a concurrent write by the service waits for it, then writes under the new key itself; a write that came first
/// is what the batch reads), rewrites what is not current, writes its audit line and moves the pass's cursor. A crash
/// or Ctrl-C loses at most the open batch, which rolls back; the next run continues from the cursor. A run after a
/// finished pass walks everything once more and changes nothing unless something was written under the old keys since.
/// </summary>
public sealed class DataKeyRotation(FundDatabase db, SensitiveData sensitive, ILogger<DataKeyRotation> log)
{
    private const string LockName = "fund_data_key_rotation";

    public async Task<RotationResult> RunAsync(string actor, int batchSize, Action<RotationProgress>? progress, CancellationToken ct)
    {
        var (encId, idxId) = (sensitive.EncryptionKeyId, sensitive.BlindIndexKeyId);
        if (encId is null || idxId is null)
            throw new InvalidOperationException("Fund:EncryptionKeyId and Fund:BlindIndexKeyId must be set before keys rotate (they name the keys values move to).");
        await using var conn = await db.OpenAsync(ct);
        if (await conn.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT GET_LOCK(@name, 0)", new { name = LockName }, cancellationToken: ct)) != 1)
            throw new InvalidOperationException("Another keys rotate is running against this database.");
        try
        {
            var pass = await conn.QuerySingleOrDefaultAsync<PassRow>(new CommandDefinition("""
                SELECT id, encryption_key_id AS EncryptionKeyId, blind_index_key_id AS BlindIndexKeyId, finished_at AS FinishedAt,
                       table_name AS TableName, last_key AS LastKey
                  FROM data_key_rotation ORDER BY id DESC LIMIT 1
                """, cancellationToken: ct));
            var resumed = pass is { FinishedAt: null } && pass.EncryptionKeyId == encId && pass.BlindIndexKeyId == idxId;
            if (!resumed)
            {
                var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                    INSERT INTO data_key_rotation (encryption_key_id, blind_index_key_id, started_by, started_at)
                    VALUES (@encId, @idxId, @actor, UTC_TIMESTAMP(3));
                    SELECT LAST_INSERT_ID();
                    """, new { encId, idxId, actor }, cancellationToken: ct));
                pass = new PassRow { Id = id, EncryptionKeyId = encId, BlindIndexKeyId = idxId };
            }

            var totals = new Totals();
            var start = pass!.TableName is null ? 0 : IndexOf(pass.TableName);
            var cursor = pass.TableName is null ? null : pass.LastKey;
            for (var t = start; t < DataKeyTables.All.Count; t++, cursor = null)
            {
                var table = DataKeyTables.All[t];
                var rowsInTable = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table.Name}", cancellationToken: ct));
                var done = cursor is null ? 0 : await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"SELECT COUNT(*) FROM {table.Name} WHERE NOT {After(table)}", KeyParameters(table, cursor), cancellationToken: ct));
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    var (seen, next) = await RetriedAsync(() => BatchAsync(conn, pass.Id, table, cursor, batchSize, actor, totals, ct), ct);
                    if (seen == 0) break;
                    done += seen;
                    cursor = next;
                    progress?.Invoke(new RotationProgress(table.Name, done, Math.Max(done, rowsInTable), totals.Changed, totals.Unreadable));
                    if (seen < batchSize) break;
                }
                if (t + 1 < DataKeyTables.All.Count)
                    await conn.ExecuteAsync(new CommandDefinition(
                        "UPDATE data_key_rotation SET table_name = @next, last_key = NULL WHERE id = @id",
                        new { next = DataKeyTables.All[t + 1].Name, id = pass.Id }, cancellationToken: ct));
            }
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE data_key_rotation SET finished_at = UTC_TIMESTAMP(3) WHERE id = @id", new { id = pass.Id }, cancellationToken: ct));
            return new RotationResult(pass.Id, resumed, true, totals.Seen, totals.Changed, totals.Unreadable, totals.Neither,
                totals.Examples, await NotUnderCurrentKeyAsync(conn, ct));
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition("SELECT RELEASE_LOCK(@name)", new { name = LockName }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>One transaction: lock the next rows, rewrite what is not under the current keys, audit, move the cursor.</summary>
    private async Task<(int Seen, string? Next)> BatchAsync(MySqlConnection conn, long passId, EncryptedTable table, string? cursor,
        int batchSize, string actor, Totals totals, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        var columns = table.Key.Concat(table.Columns.SelectMany(c => c.Index is null ? [c.Ciphertext] : new[] { c.Ciphertext, c.Index }));
        var args = KeyParameters(table, cursor);
        args.Add("n", batchSize);
        var rows = (await conn.QueryAsync(new CommandDefinition($"""
            SELECT {string.Join(", ", columns)} FROM {table.Name}
             {(cursor is null ? "" : "WHERE " + After(table))}
             ORDER BY {string.Join(", ", table.Key)} LIMIT @n FOR UPDATE
            """, args, tx, cancellationToken: ct))).Cast<IDictionary<string, object?>>().ToList();
        if (rows.Count == 0) return (0, null);

        var (reEncrypted, reIndexed, unreadable, neither) = (0, 0, 0, 0);
        var examples = new List<string>();
        foreach (var row in rows)
        {
            var set = new DynamicParameters();
            var assignments = new List<string>();
            foreach (var column in table.Columns)
            {
                if (row[column.Ciphertext] is not byte[] stored) continue;
                string clear;
                try
                {
                    (clear, var current) = sensitive.Open(stored);
                    if (!current)
                    {
                        set.Add(column.Ciphertext, sensitive.Encrypt(clear));
                        assignments.Add($"{column.Ciphertext} = @{column.Ciphertext}");
                        reEncrypted++;
                    }
                }
                catch (CryptographicException e)
                {
                    unreadable++;
                    examples.Add($"{table.Name} {Describe(table, row)} {column.Ciphertext}: {e.Message}");
                    continue;
                }
                if (column.Index is null || row[column.Index] is not byte[] index) continue;
                var expected = sensitive.BlindIndex(column.Field, clear);
                if (CryptographicOperations.FixedTimeEquals(expected, index)) continue;
                if (!sensitive.IsPreviousIndex(column.Field, clear, index)) neither++;
                set.Add(column.Index, expected);
                assignments.Add($"{column.Index} = @{column.Index}");
                reIndexed++;
            }
            if (assignments.Count == 0) continue;
            for (var k = 0; k < table.Key.Length; k++) set.Add("k" + k, row[table.Key[k]]);
            await conn.ExecuteAsync(new CommandDefinition(
                $"UPDATE {table.Name} SET {string.Join(", ", assignments)} WHERE {string.Join(" AND ", table.Key.Select((k, i) => $"{k} = @k{i}"))}",
                set, tx, cancellationToken: ct));
        }

        var next = JsonSerializer.Serialize(table.Key.Select(k => rows[^1][k]).ToArray());
        var changed = reEncrypted + reIndexed;
        if (changed > 0 || unreadable > 0)
            await AuditTrail.WriteAsync(conn, tx, actor, "keys.rotate", "table:" + table.Name,
                $"rows {Describe(table, rows[0])}..{Describe(table, rows[^1])}: {reEncrypted} re-encrypted under '{sensitive.EncryptionKeyId}', " +
                $"{reIndexed} re-indexed under '{sensitive.BlindIndexKeyId}', {unreadable} unreadable", ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE data_key_rotation
               SET table_name = @table, last_key = @next, rows_seen = rows_seen + @seen,
                   values_changed = values_changed + @changed, unreadable = unreadable + @unreadable
             WHERE id = @passId
            """, new { table = table.Name, next, seen = rows.Count, changed, unreadable, passId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        totals.Seen += rows.Count;
        totals.Changed += changed;
        totals.Unreadable += unreadable;
        totals.Neither += neither;
        totals.Examples.AddRange(examples.Take(20 - totals.Examples.Count));
        if (unreadable > 0) log.LogWarning("keys rotate: {Count} value(s) in {Table} could not be opened", unreadable, table.Name);
        return (rows.Count, next);
    }

    /// <summary>
    /// A batch that lost a deadlock or waited too long for a row the service held was rolled back whole: run it again
    /// (totals count only committed batches).
    /// </summary>
    private async Task<T> RetriedAsync<T>(Func<Task<T>> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await batch(); }
            catch (MySqlException e) when (attempt < 5 && e.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
                log.LogWarning("keys rotate: batch rolled back ({Error}), trying again", e.ErrorCode);
                await Task.Delay(200 * attempt, ct);
            }
        }
    }

    /// <summary>
    /// Certificates whose printed QR token may be signed under the previous index key: issued before the first pass to
    /// the current index key began, not revoked, still valid. Until the last of them expires the previous index key
    /// must stay configured, or they verify as 无效.
    /// </summary>
    public async Task<(long Count, DateTime? ValidUntil)> CertificatesUnderPreviousIndexKeyAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var switched = await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT MIN(started_at) FROM data_key_rotation WHERE blind_index_key_id = @id", new { id = sensitive.BlindIndexKeyId }, cancellationToken: ct));
        return await conn.QuerySingleAsync<(long, DateTime?)>(new CommandDefinition("""
            SELECT COUNT(*), MAX(valid_until) FROM certificate
             WHERE issued_at < COALESCE(@switched, UTC_TIMESTAMP(3)) AND revoked_at IS NULL AND valid_until > UTC_TIMESTAMP(3)
            """, new { switched }, cancellationToken: ct));
    }

    /// <summary>The state for `keys status`: values per column not under the current encryption key, and the latest pass.</summary>
    public async Task<RotationStatus> StatusAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var left = await NotUnderCurrentKeyAsync(conn, ct);
        var pass = await conn.QuerySingleOrDefaultAsync<PassRow>(new CommandDefinition("""
            SELECT id, encryption_key_id AS EncryptionKeyId, blind_index_key_id AS BlindIndexKeyId, started_by AS StartedBy,
                   started_at AS StartedAt, finished_at AS FinishedAt, table_name AS TableName, last_key AS LastKey,
                   rows_seen AS RowsSeen, values_changed AS ValuesChanged, unreadable AS Unreadable
              FROM data_key_rotation ORDER BY id DESC LIMIT 1
            """, cancellationToken: ct));
        return new RotationStatus(left, pass is null ? null
            : new RotationPass(pass.Id, pass.EncryptionKeyId, pass.BlindIndexKeyId, pass.StartedBy, pass.StartedAt, pass.FinishedAt,
                pass.TableName, pass.LastKey, pass.RowsSeen, pass.ValuesChanged, pass.Unreadable));
    }

    /// <summary>
    /// Before a run and in `keys status`: opens up to <paramref name="sample"/> values per column that are not under the
    /// current key and checks a sample of indexes, so a wrong or missing previous key is named before anything changes.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckKeysAsync(int sample, CancellationToken ct)
    {
        var header = sensitive.CurrentHeader.ToArray();
        var problems = new List<string>();
        var (unreadable, opened, indexNeither, indexChecked) = (0, 0, 0, 0);
        string? firstError = null;
        await using var conn = await db.OpenReadAsync(ct);
        foreach (var table in DataKeyTables.All)
            foreach (var column in table.Columns)
            {
                var outside = await conn.QueryAsync<byte[]>(new CommandDefinition(
                    $"SELECT {column.Ciphertext} FROM {table.Name} " +
                    $"WHERE {column.Ciphertext} IS NOT NULL AND LEFT({column.Ciphertext}, @length) <> @header LIMIT @sample",
                    new { length = header.Length, header, sample }, cancellationToken: ct));
                foreach (var enc in outside)
                {
                    try { sensitive.Open(enc); opened++; }
                    catch (CryptographicException e)
                    {
                        unreadable++;
                        firstError ??= $"{table.Name}.{column.Ciphertext}: {e.Message}";
                    }
                }
                if (column.Index is null) continue;
                var indexed = await conn.QueryAsync<(byte[] Enc, byte[] Idx)>(new CommandDefinition(
                    $"SELECT {column.Ciphertext}, {column.Index} FROM {table.Name} LIMIT @sample", new { sample }, cancellationToken: ct));
                foreach (var (enc, idx) in indexed)
                {
                    string clear;
                    try { clear = sensitive.Decrypt(enc); }
                    catch (CryptographicException) { continue; }
                    indexChecked++;
                    if (!CryptographicOperations.FixedTimeEquals(sensitive.BlindIndex(column.Field, clear), idx)
                        && !sensitive.IsPreviousIndex(column.Field, clear, idx)) indexNeither++;
                }
            }
        if (unreadable > 0)
            problems.Add($"{unreadable} of {unreadable + opened} values sampled outside the current encryption key cannot be opened " +
                         $"(first: {firstError}). Is Fund:PreviousEncryptionKey the key they were written under, with its id in Fund:PreviousEncryptionKeyId?");
        if (indexNeither > 0)
            problems.Add($"{indexNeither} of {indexChecked} indexes sampled match neither Fund:BlindIndexKey nor Fund:PreviousBlindIndexKey: " +
                         "look-ups of those rows fail until they are re-indexed. Is Fund:PreviousBlindIndexKey the key they were indexed under?");
        return problems;
    }

    /// <summary>Ciphertexts per column that do not begin with the current key's header: exact, from SQL alone.</summary>
    private async Task<IReadOnlyDictionary<string, long>> NotUnderCurrentKeyAsync(MySqlConnection conn, CancellationToken ct)
    {
        var header = sensitive.CurrentHeader.ToArray();
        var left = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in DataKeyTables.All)
            foreach (var column in table.Columns)
                left[$"{table.Name}.{column.Ciphertext}"] = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"SELECT COUNT(*) FROM {table.Name} WHERE {column.Ciphertext} IS NOT NULL AND LEFT({column.Ciphertext}, @length) <> @header",
                    new { length = header.Length, header }, cancellationToken: ct));
        return left;
    }

    private static int IndexOf(string tableName)
    {
        for (var i = 0; i < DataKeyTables.All.Count; i++)
            if (DataKeyTables.All[i].Name == tableName) return i;
        return 0;
    }

    /// <summary>Rows after the cursor in key order (a two-column key spelt out, which MariaDB reads as a range).</summary>
    private static string After(EncryptedTable table) => table.Key.Length == 1
        ? $"{table.Key[0]} > @k0"
        : $"({table.Key[0]} > @k0 OR ({table.Key[0]} = @k0 AND {table.Key[1]} > @k1))";

    private static DynamicParameters KeyParameters(EncryptedTable table, string? cursor)
    {
        var p = new DynamicParameters();
        if (cursor is null) return p;
        var values = JsonSerializer.Deserialize<JsonElement[]>(cursor)!;
        for (var k = 0; k < table.Key.Length; k++)
            p.Add("k" + k, values[k].ValueKind == JsonValueKind.String ? values[k].GetString() : values[k].GetInt64());
        return p;
    }

    private static string Describe(EncryptedTable table, IDictionary<string, object?> row) =>
        string.Join("/", table.Key.Select(k => Convert.ToString(row[k], System.Globalization.CultureInfo.InvariantCulture)));

    private sealed class Totals
    {
        public long Seen, Changed, Unreadable, Neither;
        public List<string> Examples { get; } = [];
    }

    private sealed class PassRow
    {
        public long Id { get; init; }
        public string EncryptionKeyId { get; init; } = "";
        public string BlindIndexKeyId { get; init; } = "";
        public string StartedBy { get; init; } = "";
        public DateTime StartedAt { get; init; }
        public DateTime? FinishedAt { get; init; }
        public string? TableName { get; init; }
        public string? LastKey { get; init; }
        public long RowsSeen { get; init; }
        public long ValuesChanged { get; init; }
        public long Unreadable { get; init; }
    }
}

/// <summary>The latest pass of `keys rotate` (times in UTC).</summary>
public sealed record RotationPass(long Id, string EncryptionKeyId, string BlindIndexKeyId, string StartedBy, DateTime StartedAt,
    DateTime? FinishedAt, string? TableName, string? LastKey, long RowsSeen, long ValuesChanged, long Unreadable);

public sealed record RotationStatus(IReadOnlyDictionary<string, long> Left, RotationPass? LatestPass);
