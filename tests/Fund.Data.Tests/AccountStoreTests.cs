using System.Text;
using Dapper;
using Fund.Core.Accounts;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

[Collection(DataCollection.Name)]
public class AccountStoreTests(DataFixture fx)
{
    private MySqlAccountStore Store => fx.Get<MySqlAccountStore>();

    [Fact]
    public async Task AnAccountReadsBackWithItsPersonalDataDecrypted()
    {
        var a = await TestAccounts.CreateAsync(Store, 1234.56m);
        var read = await Store.GetAsync(a.Grzh, default);
        Assert.NotNull(read);
        Assert.Equal(a.IdNumber, read.IdNumber);
        Assert.Equal(a.Phone, read.Phone);
        Assert.Equal(1234.56m, read.Balance);
        Assert.Equal("数据测试单位", read.EmployerName);
        Assert.Equal(1200m, read.MonthlyDeposit);
        Assert.Equal(new DateOnly(2026, 10, 1), read.PaidUpTo);
    }

    [Fact]
    public async Task AnAccountIsFoundByItsIdNumberThroughTheBlindIndex()
    {
        var a = await TestAccounts.CreateAsync(Store);
        var found = await Store.FindByIdNumberAsync(a.IdNumber.ToLowerInvariant(), default);
        Assert.Equal(a.Grzh, found?.Grzh);
    }

    [Fact]
    public async Task AnUnknownIdNumberFindsNobody() =>
        Assert.Null(await Store.FindByIdNumberAsync("11010519491231002X", default));

    [Fact]
    public async Task TheStoredRowHoldsNoClearIdNumberOrPhone()
    {
        var a = await TestAccounts.CreateAsync(Store);
        var db = fx.Get<FundDatabase>();
        await using var conn = await db.OpenAsync(default);
        var row = (IDictionary<string, object?>)await conn.QuerySingleAsync("SELECT * FROM personal_account WHERE grzh = @Grzh", new { a.Grzh });
        foreach (var (column, value) in row)
        {
            var text = value switch
            {
                byte[] bytes => Encoding.Latin1.GetString(bytes),
                null => "",
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
            Assert.DoesNotContain(a.IdNumber, text, StringComparison.Ordinal);
            Assert.DoesNotContain(a.IdNumber[..14], text, StringComparison.Ordinal);
            Assert.DoesNotContain(a.Phone, text, StringComparison.Ordinal);
        }
        // Two encryptions of the same value differ (random nonce), so equal ciphertexts reveal nothing.
        var sensitive = fx.Get<Security.SensitiveData>();
        Assert.NotEqual(sensitive.Encrypt(a.Phone), sensitive.Encrypt(a.Phone));
    }

    [Fact]
    public void TamperedCiphertextIsRefused()
    {
        var sensitive = fx.Get<Security.SensitiveData>();
        var stored = sensitive.Encrypt("13800000000");
        stored[^1] ^= 1;
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => sensitive.Decrypt(stored));
    }

    [Fact]
    public async Task TheSameIdNumberCannotOpenTwoAccounts()
    {
        var a = await TestAccounts.CreateAsync(Store);
        var twin = a with { Grzh = "47" + a.Grzh[2..] };
        await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() => Store.InsertAsync(twin, default));
    }

    [Fact]
    public async Task EmployersReadBackWithTheirStatus()
    {
        await TestAccounts.CreateAsync(Store);
        var e = await Store.GetEmployerAsync(TestAccounts.Employer, default);
        Assert.Equal(AccountStatus.Normal, e?.Status);
        Assert.Equal(0.12m, e?.EmployerRate);
    }
}
