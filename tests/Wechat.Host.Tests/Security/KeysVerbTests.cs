using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data;
using Fund.Data.Security;
using Fund.Data.Stores;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Wechat.Host.Tests.Security;

/// <summary>
/// `keys rotate` and `keys status` as an operator runs them in Production, against a database of their own: the
/// mistakes a rotation invites (no previous key, a wrong one, the new key twice) are named and change nothing; the
/// right settings move everything, and a second run has nothing to do.
/// </summary>
public sealed class KeysVerbTests : IAsyncLifetime
{
    private const string NewEncryption = "bmV3LWVuY3J5cHRpb24ta2V5LWZvci10ZXN0cy0zMiE=";
    private const string NewIndex = "bmV3LWJsaW5kLWluZGV4LWtleS1mb3ItdGVzdHMtMzI=";
    private readonly string _connection = new MySqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Fund")
        ?? FundHostFactory.TestDatabase) { Database = "wechatfund_keys_verb_test" }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using (var conn = new MySqlConnection(new MySqlConnectionStringBuilder(_connection) { Database = "" }.ConnectionString))
            await conn.ExecuteAsync("DROP DATABASE IF EXISTS wechatfund_keys_verb_test");
        var migrated = await HostCommand.RunAsync("Production", Settings(), null, "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.Error);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Production settings as they were before the rotation (keys k2026a / i2026a), on this test's database.</summary>
    private Dictionary<string, string> Settings()
    {
        var settings = ProductionSettingsTests.Good();
        settings["ConnectionStrings__Fund"] = _connection;
        return settings;
    }

    /// <summary>The operator's new settings: new keys and ids, and whatever previous pair the test gives.</summary>
    private Dictionary<string, string> Rotating(string? previousEncryption, string? previousIndex)
    {
        var old = Settings();
        var settings = Settings();
        settings["Fund__EncryptionKey"] = NewEncryption;
        settings["Fund__EncryptionKeyId"] = "k2026b";
        settings["Fund__BlindIndexKey"] = NewIndex;
        settings["Fund__BlindIndexKeyId"] = "i2026b";
        if (previousEncryption is not null)
        {
            settings["Fund__PreviousEncryptionKey"] = previousEncryption;
            settings["Fund__PreviousEncryptionKeyId"] = old["Fund__EncryptionKeyId"];
        }
        if (previousIndex is not null)
        {
            settings["Fund__PreviousBlindIndexKey"] = previousIndex;
            settings["Fund__PreviousBlindIndexKeyId"] = old["Fund__BlindIndexKeyId"];
        }
        return settings;
    }

    private async Task<string> SeedAccountUnderTheOldKeysAsync()
    {
        var old = Settings();
        var sensitive = new SensitiveData(Options.Create(new SensitiveDataOptions
        {
            EncryptionKey = old["Fund__EncryptionKey"], EncryptionKeyId = old["Fund__EncryptionKeyId"],
            BlindIndexKey = old["Fund__BlindIndexKey"], BlindIndexKeyId = old["Fund__BlindIndexKeyId"],
        }));
        var store = new MySqlAccountStore(new FundDatabase(new MySqlDataSourceBuilder(_connection).Build()), sensitive);
        await store.UpsertEmployerAsync(new Employer("411509999997", "密钥测试单位", "91411500MA4KEYS000", AccountStatus.Normal, 0.12m, 0.12m), default);
        const string first17 = "41150219900101001";
        await store.InsertAsync(new PersonalAccount
        {
            Grzh = "470000000001", Name = "测试", IdNumber = first17 + IdNumber.CheckCharacter(first17), Phone = "13700000001",
            Dwzh = "411509999997", Status = AccountStatus.Normal, ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = 0m, PaidUpTo = new DateOnly(2026, 10, 1), OpenedOn = new DateOnly(2020, 1, 1),
        }, default);
        return first17 + IdNumber.CheckCharacter(first17);
    }

    [Fact]
    public async Task TheOperatorsMistakesAreNamedAndTheRightSettingsRotateEverythingOnce()
    {
        await SeedAccountUnderTheOldKeysAsync();
        var old = Settings();

        var missing = await HostCommand.RunAsync("Production", Rotating(null, null), null, "keys", "rotate");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("cannot be opened", missing.Error);
        Assert.Contains("nothing changed", missing.Error);

        var twice = await HostCommand.RunAsync("Production", Rotating(NewEncryption, NewIndex), null, "keys", "rotate");
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("Fund:PreviousEncryptionKey: is the same key as Fund:EncryptionKey", twice.Error);
        Assert.Contains("Fund:PreviousBlindIndexKey: is the same key as Fund:BlindIndexKey", twice.Error);
        Assert.DoesNotContain("   at ", twice.Error);

        var wrong = await HostCommand.RunAsync("Production", Rotating("d3Jvbmctb2xkLWtleS10aGUtb3BlcmF0b3ItdHlwZWQ=", old["Fund__BlindIndexKey"]),
            null, "keys", "rotate");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("does not open with the key configured for that id", wrong.Error);

        await using (var conn = new MySqlConnection(_connection))
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_key_rotation"));

        var right = await HostCommand.RunAsync("Production", Rotating(old["Fund__EncryptionKey"], old["Fund__BlindIndexKey"]), null, "keys", "rotate");
        Assert.True(right.ExitCode == 0, right.Output + right.Error);
        Assert.Contains("previous encryption key 'k2026a'", right.Output);
        Assert.Contains("keys: personal_account 1/1 rows (100%)", right.Output);
        Assert.Contains("pass #1 finished: ", right.Output);
        Assert.Contains("4 values rewritten", right.Output);
        Assert.Contains("Remove Fund__PreviousEncryptionKey(Id)", right.Output);

        var again = await HostCommand.RunAsync("Production", Rotating(old["Fund__EncryptionKey"], old["Fund__BlindIndexKey"]), null, "keys", "rotate");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("pass #2 finished: ", again.Output);
        Assert.Contains("nothing to change", again.Output);

        var status = await HostCommand.RunAsync("Production", Rotating(null, null), null, "keys", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("every encrypted value is under the current encryption key", status.Output);
        Assert.Contains("last pass #2 (to 'k2026b' / 'i2026b'", status.Output);
        Assert.DoesNotContain("problem", status.Output);
    }
}
