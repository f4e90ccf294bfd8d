using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Fund.Data.Tests.DataKeys;

/// <summary>
/// An instance that has the new keys and the previous ones reads and finds everything written under the old keys,
/// before any row has been moved: the moment after the operator restarted the instances with the new settings.
/// </summary>
public sealed class ReadingDuringARotationTests : IAsyncLifetime
{
    private readonly KeyedDatabase _db = new("wechatfund_keys_read_test");

    public Task InitializeAsync() => _db.CreateAsync();
    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task AnAccountWrittenUnderTheOldKeysIsFoundByItsIdNumberAndReadWithTheNewKeysAndThePrevious()
    {
        var legacy = await TestAccounts.CreateAsync(_db.Host(KeyedDatabase.Legacy).Services.GetRequiredService<MySqlAccountStore>());
        var withIds = await TestAccounts.CreateAsync(_db.Host(KeyedDatabase.Old).Services.GetRequiredService<MySqlAccountStore>());

        var rotating = _db.Host(KeyedDatabase.Rotating).Services.GetRequiredService<MySqlAccountStore>();
        foreach (var written in new[] { legacy, withIds })
        {
            var found = await rotating.FindByIdNumberAsync(written.IdNumber, default);
            Assert.NotNull(found);
            Assert.Equal(written.Grzh, found.Grzh);
            Assert.Equal(written.Phone, found.Phone);
            Assert.Equal(written.IdNumber, (await rotating.GetAsync(written.Grzh, default))!.IdNumber);
        }

        // What the new keys write, the rotating instance reads too, and the old instance's unique look-up still holds.
        var fresh = await TestAccounts.CreateAsync(rotating);
        Assert.Equal(fresh.Phone, (await rotating.FindByIdNumberAsync(fresh.IdNumber, default))!.Phone);
    }

    [Fact]
    public void ACertificatePrintedBeforeTheRotationStillVerifiesWhileThePreviousIndexKeyIsConfigured()
    {
        var before = _db.Host(KeyedDatabase.Old).Services.GetRequiredService<Fund.Core.Certificates.ICertificateTokens>();
        var seed = before.NewSeed();
        var printed = before.TokenFor(seed);

        var during = _db.Host(KeyedDatabase.Rotating).Services.GetRequiredService<Fund.Core.Certificates.ICertificateTokens>();
        Assert.Equal(seed, during.SeedOf(printed));
        Assert.Equal(seed, during.SeedOf(during.TokenFor(seed)));
        // Without the previous key the printed QR code reads 无效: why the previous index key stays until such certificates expire.
        Assert.Null(_db.Host(KeyedDatabase.NewOnly).Services.GetRequiredService<Fund.Core.Certificates.ICertificateTokens>().SeedOf(printed));
    }

    [Fact]
    public async Task AnOperatorSavedAgainDuringARotationStaysOneRow()
    {
        const string dwzh = TestAccounts.Employer;
        const string idNumber = "411502198803151018";
        var old = _db.Host(KeyedDatabase.Old).Services;
        await TestAccounts.CreateAsync(old.GetRequiredService<MySqlAccountStore>());
        var before = await old.GetRequiredService<EmployerOperatorStore>().UpsertAsync(dwzh, "周敏", idNumber, "hash-1", "test", default);

        var operators = _db.Host(KeyedDatabase.Rotating).Services.GetRequiredService<EmployerOperatorStore>();
        Assert.Equal(before, (await operators.FindAsync(dwzh, idNumber, default))!.Id);
        // Under the new index alone the unique (dwzh, index) key would let a second row in.
        Assert.Equal(before, await operators.UpsertAsync(dwzh, "周敏", idNumber, "hash-2", "test", default));
        Assert.Single(await operators.ListAsync(default));
        Assert.Equal("hash-2", (await operators.FindAsync(dwzh, idNumber, default))!.PasswordHash);
    }
}
