using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Ledger;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

[Collection(QuietDataCollection.Name)]
public class NotificationOutboxTests(QuietDataFixture fx)
{
    [Fact]
    public async Task AFailedDeliveryBacksOffThenGivesUpAndTheDecisionStands()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        await fx.Get<MySqlBankCardStore>().SaveFirstAsync(a.Grzh, "中国银行", "6217000000000000008", default);
        var material = await fx.Get<MySqlMaterialStore>().CreateAsync(a.Grzh, WithdrawalType.SettledAbroad,
            new Dictionary<string, string> { ["country"] = "加拿大", ["settledOn"] = "2026-01-01" }, default);
        var openId = "data-" + Guid.NewGuid().ToString("N")[..20];
        await fx.Get<IBindingStore>().BindAsync(openId, a.Grzh, default);
        var (_, id) = await fx.Get<MySqlApplicationStore>().SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Guid.NewGuid().ToString("N"), [], default);
        await fx.Get<WithdrawalDecisions>().RejectAsync(id, "clerk-test", "材料不全", default);
        var outbox = fx.Get<NotificationOutbox>();
        var row = Assert.Single(await outbox.ForOpenIdAsync(openId, default));

        await outbox.MarkAttemptFailedAsync(row.Id, 0, "HttpRequestException: connection refused", default);
        await using (var conn = await fx.Get<FundDatabase>().OpenAsync(default))
            Assert.True(await conn.QuerySingleAsync<bool>(
                "SELECT next_attempt_at > UTC_TIMESTAMP() FROM notification_outbox WHERE id = @Id", new { row.Id }));
        for (var attempts = 1; attempts < NotificationOutbox.MaxAttempts; attempts++)
            await outbox.MarkAttemptFailedAsync(row.Id, attempts, "still failing", default);

        var after = Assert.Single(await outbox.ForOpenIdAsync(openId, default));
        Assert.Equal((NotificationOutbox.MaxAttempts, (DateTime?)null), (after.Attempts, after.SentAt));
        Assert.NotNull(after.FailedAt);
        Assert.Equal(WithdrawalStatus.Rejected, (await fx.Get<MySqlApplicationStore>().GetAsync(id, a.Grzh, default))!.Withdrawal.Status);
    }
}
