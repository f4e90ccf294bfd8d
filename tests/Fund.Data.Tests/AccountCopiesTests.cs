using System.Text.RegularExpressions;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Employers;
using Fund.Core.Ledger;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Fund.Data.Tests.Employers;
using StackExchange.Redis;

namespace Fund.Data.Tests;

/// <summary>
/// 我的账户 / 余额 and the statement page are answered from each instance's copies (issue 21). Any write of an account,
/// its ledger or its binding — on any instance — must show in the next read of every instance. Two instances here are
/// two service providers on the same MariaDB and Redis, as two hosts would be.
/// </summary>
[Collection(DataCollection.Name)]
public sealed class AccountCopiesTests(DataFixture fx) : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly DateOnly November = new(2026, 11, 1);

    private readonly DataFixture _other = new();

    public Task InitializeAsync() => _other.InitializeAsync();

    public Task DisposeAsync() => _other.DisposeAsync();

    /// <summary>What a push does: reads the copy check beside its dedup claim, then asks for the bound account.</summary>
    private static async Task<PersonalAccount?> PushReadAsync(DataFixture instance, string openId)
    {
        var query = instance.Get<AccountQuery>();
        CopyCheck? check = null;
        if (query.CopyCheckKeyFor(openId) is { } key)
            check = new CopyCheck(key, await instance.Get<IConnectionMultiplexer>().GetDatabase().StringGetAsync(key));
        return await query.ForOpenIdAsync(openId, check, default);
    }

    [Fact]
    public async Task ARemittancePostedThroughTheHallShowsAtOnceInMyAccountOnEveryInstance()
    {
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var employee = await TestEmployers.EmployeeAsync(fx, dwzh, 6000m, balance: 100m, bound: true);
        var openId = "unit-" + employee.Grzh;
        Assert.Equal(100m, (await PushReadAsync(fx, openId))!.Balance);
        Assert.Equal(100m, (await PushReadAsync(_other, openId))!.Balance);
        Assert.NotNull(_other.Get<AccountQuery>().CopyCheckKeyFor(openId)); // the other instance now answers from its copy

        var (outcome, _) = await fx.Get<IRemittancePosting>().PostAsync(dwzh, November, Today, 1, 1440m, who, default);

        Assert.Equal(RemittanceOutcome.Posted, outcome);
        Assert.Equal(1540m, (await PushReadAsync(_other, openId))!.Balance);
        Assert.Equal(1540m, (await PushReadAsync(fx, openId))!.Balance);
        Assert.Equal(November, (await PushReadAsync(_other, openId))!.PaidUpTo);
    }

    [Fact]
    public async Task ACopyIsServedWithoutTheDatabaseUntilAWriterPublishes()
    {
        var (dwzh, _) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var employee = await TestEmployers.EmployeeAsync(fx, dwzh, 6000m, balance: 100m, bound: true);
        var openId = "unit-" + employee.Grzh;
        Assert.Equal(100m, (await PushReadAsync(_other, openId))!.Balance);

        // A write behind the stores' back (what a writer that forgot to publish would do): the copy still answers,
        // which is what proves the copy, not MariaDB, answered. AccountCopiesSourceTests keeps every writer publishing.
        await using (var conn = await fx.Get<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE personal_account SET balance = 777 WHERE grzh = @g", new { g = employee.Grzh });
        Assert.Equal(100m, (await PushReadAsync(_other, openId))!.Balance);

        await fx.Get<AccountVersions>().PublishAsync(employee.Grzh, default);
        Assert.Equal(777m, (await PushReadAsync(_other, openId))!.Balance);
    }

    [Fact]
    public async Task ALedgerPostingAStatusChangeAnUnbindAndARebindShowAtOnceOnTheOtherInstance()
    {
        var (dwzh, _) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var employee = await TestEmployers.EmployeeAsync(fx, dwzh, 6000m, balance: 500m, bound: true);
        var second = await TestEmployers.EmployeeAsync(fx, dwzh, 5000m, balance: 42m);
        var openId = "unit-" + employee.Grzh;
        Assert.Equal(500m, (await PushReadAsync(_other, openId))!.Balance);

        // A partial withdrawal's posting, as the clerk's payment writes it.
        await fx.Get<MySqlLedgerStore>().PostAsync(employee.Grzh, [(Today, BusinessType.PartialWithdrawal, -200m, "部分提取")], default);
        Assert.Equal(300m, (await PushReadAsync(_other, openId))!.Balance);

        await fx.Get<IBindingStore>().UnbindAsync(openId, default);
        Assert.Null(await PushReadAsync(_other, openId));

        await fx.Get<IBindingStore>().BindAsync(openId, employee.Grzh, default);
        Assert.Equal(employee.Grzh, (await PushReadAsync(_other, openId))!.Grzh);
        await fx.Get<IBindingStore>().BindAsync(openId, second.Grzh, default);
        var moved = await PushReadAsync(_other, openId);
        Assert.Equal((second.Grzh, 42m), (moved!.Grzh, moved.Balance));
    }

    [Fact]
    public async Task APastYearsStatementComesFromTheCopyAndACorrectionToThatYearShowsAtOnce()
    {
        var account = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        var openId = "copies-" + account.Grzh;
        await fx.Get<IBindingStore>().BindAsync(openId, account.Grzh, default);
        await fx.Get<MySqlLedgerStore>().PostAsync(account.Grzh,
        [
            (new DateOnly(2024, 3, 10), BusinessType.Remittance, 1200m, "汇缴"),
            (new DateOnly(2024, 4, 10), BusinessType.Remittance, 1200m, "汇缴"),
        ], default);
        var statements = _other.Get<StatementQuery>();
        Assert.Equal(2, (await statements.PageForOpenIdAsync(openId, 2024, default)).Statement!.Entries.Count);

        // Served from the copy: a change behind the stores' back does not show until published.
        await using (var conn = await fx.Get<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE ledger_entry SET memo = '改' WHERE grzh = @g", new { g = account.Grzh });
        Assert.Equal("汇缴", (await statements.PageForOpenIdAsync(openId, 2024, default)).Statement!.Entries[0].Memo);

        // A correction posted to 2024 on the first instance shows on the other at once.
        await fx.Get<MySqlLedgerStore>().PostAsync(account.Grzh, [(new DateOnly(2024, 12, 20), BusinessType.BackPayment, 300m, "补缴更正")], default);
        var page = (await statements.PageForOpenIdAsync(openId, 2024, default)).Statement!;
        Assert.Equal(3, page.Entries.Count);
        Assert.Equal(2700m, page.ClosingBalance);
        Assert.Equal("改", page.Entries[0].Memo);
    }

    [Fact]
    public async Task OnePersonsCopiedStatementNeverAnswersAnother()
    {
        var store = fx.Get<MySqlAccountStore>();
        var a = await TestAccounts.CreateAsync(store);
        var b = await TestAccounts.CreateAsync(store);
        var (oa, ob) = ("copies-a-" + a.Grzh, "copies-b-" + b.Grzh);
        await fx.Get<IBindingStore>().BindAsync(oa, a.Grzh, default);
        await fx.Get<IBindingStore>().BindAsync(ob, b.Grzh, default);
        await fx.Get<MySqlLedgerStore>().PostAsync(a.Grzh, [(new DateOnly(2024, 5, 1), BusinessType.Remittance, 111m, "汇缴")], default);
        await fx.Get<MySqlLedgerStore>().PostAsync(b.Grzh, [(new DateOnly(2024, 5, 1), BusinessType.Remittance, 222m, "汇缴")], default);
        var statements = _other.Get<StatementQuery>();

        var pageA = await statements.PageForOpenIdAsync(oa, 2024, default);
        var pageB = await statements.PageForOpenIdAsync(ob, 2024, default);
        Assert.Equal((a.Grzh, 111m), (pageA.Account!.Grzh, pageA.Statement!.ClosingBalance));
        Assert.Equal((b.Grzh, 222m), (pageB.Account!.Grzh, pageB.Statement!.ClosingBalance));

        // b's account moves to a's WeChat user: a's OpenID now sees b's account, b's OpenID sees nothing.
        await fx.Get<IBindingStore>().BindAsync(oa, b.Grzh, default);
        var moved = await statements.PageForOpenIdAsync(oa, 2024, default);
        Assert.Equal((b.Grzh, 222m), (moved.Account!.Grzh, moved.Statement!.ClosingBalance));
        Assert.Null((await statements.PageForOpenIdAsync(ob, 2024, default)).Account);
    }

    [Fact]
    public async Task TheDatabaseMovesTheVersionOnEveryAccountLedgerAndBindingWrite()
    {
        var account = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        await fx.Get<MySqlLedgerStore>().PostAsync(account.Grzh, [(new DateOnly(2024, 5, 1), BusinessType.Remittance, 1m, "汇缴")], default);
        await using var conn = await fx.Get<FundDatabase>().OpenAsync(default);
        async Task<long> Version() => await conn.ExecuteScalarAsync<long>(
            "SELECT CAST(data_version AS SIGNED) FROM personal_account WHERE grzh = @g", new { g = account.Grzh });
        var seen = new List<long> { await Version() };
        foreach (var sql in new[]
        {
            "UPDATE personal_account SET status = status WHERE grzh = @g",
            "UPDATE ledger_entry SET memo = '更正' WHERE grzh = @g",
            "INSERT INTO wechat_binding (openid, grzh, bound_at) VALUES (CONCAT('ver-', @g), @g, UTC_TIMESTAMP())",
            "UPDATE wechat_binding SET bound_at = bound_at + INTERVAL 1 SECOND WHERE grzh = @g",
            "DELETE FROM wechat_binding WHERE grzh = @g",
            "DELETE FROM ledger_entry WHERE grzh = @g",
        })
        {
            await conn.ExecuteAsync(sql, new { g = account.Grzh });
            seen.Add(await Version());
        }
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }
}

/// <summary>
/// Every writer of an account row, a ledger line or a binding must publish the account's version after commit, or
/// copies on other instances would go on answering. A new writer that forgets fails here.
/// </summary>
public sealed class AccountCopiesSourceTests
{
    private static readonly Regex Writes = new(
        @"(INSERT(\s+IGNORE)?\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+(ledger_entry|personal_account|wechat_binding)\b|LedgerLines\.|AccountBalances\.",
        RegexOptions.IgnoreCase);

    /// <summary>Helpers that write inside their caller's transaction (the caller publishes), and bulk seeding of fresh accounts.</summary>
    private static readonly string[] Exempt = ["LedgerLines.cs", "AccountBalances.cs", "BulkSeeder.cs"];

    private static string DataSource([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "src", "Fund.Data"));

    [Fact]
    public void EveryWriterOfAnAccountItsLedgerOrItsBindingPublishesTheVersion()
    {
        var writers = Directory.EnumerateFiles(DataSource(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !Exempt.Contains(Path.GetFileName(f)))
            .Where(f => Writes.IsMatch(File.ReadAllText(f)))
            .ToList();

        Assert.Contains(writers, f => f.EndsWith("RemittancePosting.cs"));
        Assert.Contains(writers, f => f.EndsWith("WithdrawalDecisions.cs"));
        Assert.Contains(writers, f => f.EndsWith("CitizenAccessChanges.cs"));
        Assert.All(writers, f => Assert.True(File.ReadAllText(f).Contains("versions.PublishAsync(", StringComparison.Ordinal),
            $"{Path.GetFileName(f)} writes accounts, ledger lines or bindings but never publishes their version (AccountVersions.PublishAsync)"));
    }
}
