using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Fund.Core.Binding;
using Fund.Core.Employers;
using Fund.Data.Employers;
using Fund.Data.Security;
using Fund.Data.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fund.Data.Tests.DataKeys;

/// <summary>
/// `keys rotate` while the service runs: the data written under the old keys (with and without key ids), a loop of
/// sign-in look-ups, phone changes, new cards and withdrawals on an instance with the new and previous keys, and the
/// rotation in small batches at the same time. Afterwards an instance with the new keys alone reads and finds everything.
/// </summary>
public sealed class KeyRotationTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 120;
    private readonly KeyedDatabase _db = new("wechatfund_keys_rotate_test");
    private readonly ConcurrentDictionary<string, (string IdNumber, string Phone)> _people = new();
    private readonly ConcurrentDictionary<string, string> _cards = new();

    public Task InitializeAsync() => _db.CreateAsync();
    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task RotatingUnderLoadLeavesEveryValueReadableAndFoundUnderTheNewKeysAndASecondRunChangesNothing()
    {
        await SeedUnderTheOldKeysAsync();
        var rotating = _db.Host(KeyedDatabase.Rotating);
        var rotation = rotating.Services.GetRequiredService<DataKeyRotation>();
        Assert.Empty(await rotation.CheckKeysAsync(200, default));

        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 3).Select(worker => LoadAsync(rotating, worker, stop.Token)).ToList();
        // The load is under way before the rotation starts and goes on after it ends, however slow the machine.
        await LoadReachesAsync(20, load);
        var batches = 0;
        var result = await rotation.RunAsync("test", 20, _ => batches++, default);
        await LoadReachesAsync(Math.Max(51, Volatile.Read(ref _operations) + 30), load);
        await stop.CancelAsync();
        var operations = (await Task.WhenAll(load)).Sum();

        output.WriteLine($"{operations} load operations (each: a look-up by ID number, an operator look-up and a write) during " +
                         $"{batches} batches; {result.RowsSeen} rows read, {result.ValuesChanged} values rewritten");
        Assert.True(operations > 50, $"the load ran only {operations} operations");
        Assert.True(batches > 10, $"only {batches} batches");
        Assert.True(result.ValuesChanged >= Accounts * 3, $"{result.ValuesChanged} values changed");
        Assert.Equal(0, result.Unreadable);
        Assert.Equal(0, result.IndexMatchedNeither);
        Assert.All(result.Left, l => Assert.Equal(0, l.Value));
        await EverythingIsUnderTheNewKeysAloneAsync();

        var audited = await AuditedBatchesAsync();
        Assert.True(audited > 0);
        var again = await rotation.RunAsync("test", 20, null, default);
        Assert.False(again.Resumed);
        Assert.Equal(0, again.ValuesChanged);
        Assert.True(again.RowsSeen >= result.RowsSeen, "the second run reads every row again");
        Assert.Equal(audited, await AuditedBatchesAsync());
    }

    [Fact]
    public async Task AnInterruptedRunContinuesFromItsCursorAndMovesEachValueOnce()
    {
        await SeedUnderTheOldKeysAsync();
        var (rows, values) = await CountAsync();
        var rotation = _db.Host(KeyedDatabase.Rotating).Services.GetRequiredService<DataKeyRotation>();
        using var interrupt = new CancellationTokenSource();
        var batches = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rotation.RunAsync("test", 25, _ =>
        {
            if (++batches == 3) interrupt.Cancel();
        }, interrupt.Token));

        var stopped = (await rotation.StatusAsync(default)).LatestPass!;
        Assert.Null(stopped.FinishedAt);
        Assert.Equal("personal_account", stopped.TableName);
        Assert.Equal(75, stopped.RowsSeen);
        Assert.Equal(75 * 4, stopped.ValuesChanged);
        var grzhAtCursor = JsonSerializer.Deserialize<string[]>(stopped.LastKey!)![0];

        await using (var conn = await _db.OpenAsync())
        {
            // Exactly the rows up to the cursor moved; the rest still wait under the old keys and are still read.
            var header = SensitiveData.Header("k2");
            var moved = await conn.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM personal_account WHERE LEFT(id_number_enc, @n) = @header", new { n = header.Length, header });
            Assert.Equal(75, moved);
            Assert.Equal(75, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM personal_account WHERE grzh <= @grzhAtCursor", new { grzhAtCursor }));
        }
        var accounts = _db.Host(KeyedDatabase.Rotating).Services.GetRequiredService<MySqlAccountStore>();
        foreach (var (grzh, person) in _people)
            Assert.Equal(grzh, (await accounts.FindByIdNumberAsync(person.IdNumber, default))!.Grzh);

        var rest = await rotation.RunAsync("test", 25, null, default);
        Assert.True(rest.Resumed);
        Assert.Equal(stopped.Id, rest.PassId);
        Assert.Equal(rows - 75, rest.RowsSeen);
        Assert.Equal(values - 75 * 4, rest.ValuesChanged);
        var status = await rotation.StatusAsync(default);
        Assert.NotNull(status.LatestPass!.FinishedAt);
        Assert.All(status.Left, l => Assert.Equal(0, l.Value));
        await EverythingIsUnderTheNewKeysAloneAsync();
    }

    [Fact]
    public async Task ACertificateIssuedBeforeTheRotationHasItsFactsMovedAndKeepsThePreviousIndexKeyUntilItExpires()
    {
        var old = _db.Host(KeyedDatabase.Old).Services.GetRequiredService<SensitiveData>();
        var validUntil = DateTime.UtcNow.Date.AddDays(90);
        await using (var conn = await _db.OpenAsync())
            await conn.ExecuteAsync("""
                INSERT INTO certificate (serial, token_seed, grzh, kind, purpose, facts, issued_at, valid_until)
                VALUES ('ZM2026120512345678', @seed, '480000000001', 1, 1, @facts, UTC_TIMESTAMP(3) - INTERVAL 1 DAY, @validUntil)
                """, new { seed = new byte[16], facts = old.Encrypt("{\"name\":\"张伟\"}"), validUntil });

        var rotation = _db.Host(KeyedDatabase.Rotating).Services.GetRequiredService<DataKeyRotation>();
        var result = await rotation.RunAsync("test", 50, null, default);

        Assert.Equal(0, result.Left["certificate.facts"]);
        await using (var conn = await _db.OpenAsync())
            Assert.Equal("{\"name\":\"张伟\"}", _db.Host(KeyedDatabase.NewOnly).Services.GetRequiredService<SensitiveData>()
                .Decrypt((await conn.ExecuteScalarAsync<byte[]>("SELECT facts FROM certificate"))!));
        var (count, until) = await rotation.CertificatesUnderPreviousIndexKeyAsync(default);
        Assert.Equal(1, count);
        Assert.Equal(validUntil, until);
    }

    /// <summary>Rows in the walked tables, and ciphertexts plus indexes in them (all under the old keys after the seed).</summary>
    private async Task<(long Rows, long Values)> CountAsync()
    {
        await using var conn = await _db.OpenAsync();
        var (rows, values) = (0L, 0L);
        foreach (var table in DataKeyTables.All)
        {
            rows += await conn.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table.Name}");
            foreach (var c in table.Columns)
                values += await conn.ExecuteScalarAsync<long>($"SELECT COUNT({c.Ciphertext}) FROM {table.Name}") * (c.Index is null ? 1 : 2);
        }
        return (rows, values);
    }

    [Fact]
    public async Task AWrongPreviousKeyIsNamedBeforeAnythingChangesAndItsValuesAreLeftAlone()
    {
        await SeedUnderTheOldKeysAsync();
        var wrong = KeyedDatabase.Rotating;
        wrong["Fund:PreviousEncryptionKey"] = "d3Jvbmctb2xkLWtleS10aGUtb3BlcmF0b3ItdHlwZWQ=";
        var rotation = _db.Host(wrong).Services.GetRequiredService<DataKeyRotation>();

        var problems = await rotation.CheckKeysAsync(200, default);
        Assert.Contains(problems, p => p.Contains("cannot be opened") && p.Contains("Fund:PreviousEncryptionKey"));

        var result = await rotation.RunAsync("test", 50, null, default);
        Assert.True(result.Unreadable >= Accounts * 2);
        Assert.NotEmpty(result.UnreadableExamples);
        // Nothing was lost: the right previous key still opens every value.
        var accounts = _db.Host(KeyedDatabase.Rotating).Services.GetRequiredService<MySqlAccountStore>();
        foreach (var (grzh, person) in _people)
            Assert.Equal(person.Phone, (await accounts.FindByIdNumberAsync(person.IdNumber, default))!.Phone);
    }

    /// <summary>Accounts in both old formats, cards, replaced cards, withdrawals, an operator and a draft 清册 row.</summary>
    private async Task SeedUnderTheOldKeysAsync()
    {
        foreach (var keys in new[] { KeyedDatabase.Legacy, KeyedDatabase.Old })
        {
            var services = _db.Host(keys).Services;
            var accounts = services.GetRequiredService<MySqlAccountStore>();
            var cards = services.GetRequiredService<MySqlBankCardStore>();
            for (var i = 0; i < Accounts / 2; i++)
            {
                var a = await TestAccounts.CreateAsync(accounts);
                _people[a.Grzh] = (a.IdNumber, a.Phone);
                var card = NewCard();
                Assert.Null(await cards.SaveAsync(a.Grzh, "中国银行", card, default));
                _cards[a.Grzh] = card;
                await NewWithdrawalAsync(a.Grzh);
            }
            var some = _people.Keys.First();
            var replacement = NewCard();
            Assert.Null(await cards.SaveAsync(some, "中国银行", replacement, default));
            _cards[some] = replacement;
            await services.GetRequiredService<EmployerOperatorStore>().UpsertAsync(TestAccounts.Employer, "周敏",
                _people.Values.First().IdNumber, "hash", "test", default);
            var sensitive = services.GetRequiredService<SensitiveData>();
            await using var conn = await _db.OpenAsync();
            await conn.ExecuteAsync("INSERT INTO employer_business_row (business_id, row_no, row_enc) VALUES (@b, 1, @enc)",
                new { b = Random.Shared.NextInt64(1, long.MaxValue), enc = sensitive.Encrypt(JsonSerializer.Serialize(new RosterRow(1, "李明", _people.Values.First().IdNumber))) });
        }
    }

    /// <summary>What the service does meanwhile; every read is checked. Returns how many operations it did.</summary>
    private async Task<int> LoadAsync(IHost instance, int worker, CancellationToken stop)
    {
        var accounts = instance.Services.GetRequiredService<MySqlAccountStore>();
        var changes = instance.Services.GetRequiredService<CitizenAccessChanges>();
        var cards = instance.Services.GetRequiredService<MySqlBankCardStore>();
        var operators = instance.Services.GetRequiredService<EmployerOperatorStore>();
        var mine = _people.Keys.Where((_, i) => i % 3 == worker).ToList();
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            var grzh = mine[Random.Shared.Next(mine.Count)];
            var person = _people[grzh];
            // Sign-in: the look-up by ID number and the account read must work for every row at every moment.
            var found = await accounts.FindByIdNumberAsync(person.IdNumber, default);
            Assert.True(found is not null, $"{grzh} not found by its ID number during the rotation");
            Assert.Equal(grzh, found.Grzh);
            Assert.Equal(person.Phone, found.Phone);
            Assert.NotNull(await operators.FindAsync(TestAccounts.Employer, _people.Values.First().IdNumber, default));
            switch (count % 3)
            {
                case 0:
                    var phone = "139" + Random.Shared.Next(0, 99_999_999).ToString("00000000");
                    await changes.ChangePhoneAsync(grzh, person.Phone, phone, new AccessOrigin("load-" + worker, "203.0.113.7"), default);
                    _people[grzh] = (person.IdNumber, phone);
                    break;
                case 1:
                    var card = NewCard();
                    Assert.Null(await cards.SaveAsync(grzh, "建设银行", card, default));
                    _cards[grzh] = card;
                    break;
                default:
                    await NewWithdrawalAsync(grzh);
                    await using (var conn = await _db.OpenAsync())
                    {
                        var id = await conn.ExecuteScalarAsync<long>("SELECT MAX(id) FROM withdrawal WHERE grzh = @grzh", new { grzh });
                        Assert.Equal(_cards[grzh], await cards.RevealAsync(id, default));
                    }
                    break;
            }
            count++;
            Interlocked.Increment(ref _operations);
        }
        return count;
    }

    private int _operations;

    /// <summary>Waits until the load workers have done <paramref name="operations"/> in all (one failing ends the wait).</summary>
    private async Task LoadReachesAsync(int operations, List<Task<int>> load)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref _operations) < operations)
        {
            if (load.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"the load did only {Volatile.Read(ref _operations)} operations in a minute");
            await Task.Delay(20);
        }
    }

    /// <summary>A paid withdrawal carrying a copy of the card on file, as a submit copies it.</summary>
    private async Task NewWithdrawalAsync(string grzh)
    {
        await using var conn = await _db.OpenAsync();
        await conn.ExecuteAsync("""
            INSERT INTO withdrawal (grzh, type, amount, status, submitted_at, bank_name, card_enc, card_last4)
            SELECT grzh, 1, 1.00, 4, UTC_TIMESTAMP(), bank_name, card_enc, card_last4 FROM bank_card WHERE grzh = @grzh
            """, new { grzh });
    }

    private async Task EverythingIsUnderTheNewKeysAloneAsync()
    {
        var services = _db.Host(KeyedDatabase.NewOnly).Services;
        var sensitive = services.GetRequiredService<SensitiveData>();
        var accounts = services.GetRequiredService<MySqlAccountStore>();
        foreach (var (grzh, person) in _people)
        {
            var found = await accounts.FindByIdNumberAsync(person.IdNumber, default);
            Assert.True(found is not null, $"{grzh} not found under the new index key alone");
            Assert.Equal(person.Phone, found.Phone);
        }
        await using var conn = await _db.OpenAsync();
        foreach (var (phoneEnc, phoneIdx) in await conn.QueryAsync<(byte[], byte[])>("SELECT phone_enc, phone_idx FROM personal_account"))
            Assert.Equal(sensitive.BlindIndex(SensitiveField.Phone, sensitive.Decrypt(phoneEnc)), phoneIdx);
        foreach (var (grzh, enc, idx) in await conn.QueryAsync<(string, byte[], byte[])>("SELECT grzh, card_enc, card_idx FROM bank_card"))
        {
            Assert.Equal(_cards[grzh], sensitive.Decrypt(enc));
            Assert.Equal(sensitive.BlindIndex(SensitiveField.BankCard, _cards[grzh]), idx);
        }
        foreach (var (enc, idx) in await conn.QueryAsync<(byte[], byte[])>("SELECT card_enc, card_idx FROM bank_card_replaced"))
            Assert.Equal(sensitive.BlindIndex(SensitiveField.BankCard, sensitive.Decrypt(enc)), idx);
        foreach (var enc in await conn.QueryAsync<byte[]>("SELECT card_enc FROM withdrawal"))
            Assert.Equal(16, sensitive.Decrypt(enc).Length);
        foreach (var enc in await conn.QueryAsync<byte[]>("SELECT row_enc FROM employer_business_row"))
            Assert.Equal("李明", JsonSerializer.Deserialize<RosterRow>(sensitive.Decrypt(enc))!.Name);
        foreach (var (enc, idx) in await conn.QueryAsync<(byte[], byte[])>("SELECT id_number_enc, id_number_idx FROM employer_operator"))
            Assert.Equal(sensitive.BlindIndex(SensitiveField.IdNumber, sensitive.Decrypt(enc)), idx);
    }

    private async Task<long> AuditedBatchesAsync()
    {
        await using var conn = await _db.OpenAsync();
        return await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'keys.rotate'");
    }

    private static string NewCard() => "6222" + Random.Shared.NextInt64(0, 999_999_999_999).ToString("000000000000");
}
