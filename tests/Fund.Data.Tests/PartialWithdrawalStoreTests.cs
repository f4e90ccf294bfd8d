using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Ledger;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

/// <summary>租房, 购房, 还贷 in storage: the amount asked is what is stored and posted, and the account stays open.</summary>
[Collection(DataCollection.Name)]
public class PartialWithdrawalStoreTests(DataFixture fx)
{
    private MySqlApplicationStore Applications => fx.Get<MySqlApplicationStore>();
    private WithdrawalDecisions Decisions => fx.Get<WithdrawalDecisions>();

    private static string Key() => Guid.NewGuid().ToString("N");

    /// <summary>A fresh normal account with 20,000.00 on it, a card on file and a purchase material.</summary>
    private async Task<(PersonalAccount Account, long MaterialId, string OpenId)> ReadyAsync(string contractNo = "XY2026-0815")
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        await fx.Get<MySqlLedgerStore>().PostAsync(a.Grzh, [(new DateOnly(2025, 1, 10), BusinessType.Remittance, 20000m, "汇缴")], default);
        await fx.Get<MySqlBankCardStore>().SaveFirstAsync(a.Grzh, "中国工商银行", "6222 0212 3456 7890 128", default);
        var material = await fx.Get<MySqlMaterialStore>().CreateAsync(a.Grzh, WithdrawalType.HousePurchase, new Dictionary<string, string>
        {
            ["contractNo"] = contractNo, ["purchasedOn"] = "2026-10-01", ["price"] = "680000", ["address"] = "浉河区",
        }, default);
        var openId = "data-" + Guid.NewGuid().ToString("N")[..20];
        await fx.Get<IBindingStore>().BindAsync(openId, a.Grzh, default);
        return (a, material, openId);
    }

    [Fact]
    public async Task TheAmountAskedIsStoredApprovedAsOnePartialWithdrawalAndTheAccountStaysOpen()
    {
        var (a, material, openId) = await ReadyAsync();
        var (outcome, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.HousePurchase, material, Key(), [], default, 15000.5m);
        Assert.Equal(SubmitOutcome.Created, outcome);
        Assert.Equal(15000.5m, (await Applications.GetAsync(id, a.Grzh, default))!.Withdrawal.Amount);

        Assert.Equal(DecisionOutcome.Done, await Decisions.ApproveAsync(id, "clerk-test", default));
        var account = await fx.Get<MySqlAccountStore>().GetAsync(a.Grzh, default);
        Assert.Equal((AccountStatus.Normal, 4999.5m), (account!.Status, account.Balance));
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var last = (await fx.Get<StatementQuery>().GetAsync(a.Grzh, year, default)).Entries[^1];
        Assert.Equal((BusinessType.PartialWithdrawal, -15000.5m, 4999.5m, "购买自住住房提取"), (last.Type, last.Amount, last.BalanceAfter, last.Memo));
        Assert.Equal(15000.5m, (await Applications.GetAsync(id, a.Grzh, default))!.Withdrawal.Amount);
        Assert.Equal(DecisionOutcome.Done, await Decisions.MarkPaidAsync(id, "clerk-test", default));

        var audit = await fx.Get<AuditTrail>().ForTargetAsync(AuditTrail.Withdrawal(id), default);
        Assert.Equal(["withdrawal.submit", WithdrawalReview.PartialApproveAction, "withdrawal.paid"], audit.Select(e => e.Action));
        Assert.EndsWith("amount=15000.50", audit[0].Detail);
        var queued = await fx.Get<NotificationOutbox>().ForOpenIdAsync(openId, default);
        Assert.Equal([TemplateKeys.WithdrawalApproved, TemplateKeys.WithdrawalPaid], queued.Select(q => q.TemplateKey));
    }

    [Fact]
    public async Task AnAmountAboveTheBalanceUnderTheLockSubmitsNothing()
    {
        var (a, material, _) = await ReadyAsync();
        Assert.Equal((SubmitOutcome.OverBalance, 0L),
            await Applications.SubmitAsync(a.Grzh, WithdrawalType.HousePurchase, material, Key(), [], default, 20000.01m));
        Assert.Null(await Applications.OpenIdAsync(a.Grzh, default));
        Assert.Equal(SubmitOutcome.Created, (await Applications.SubmitAsync(a.Grzh, WithdrawalType.HousePurchase, material, Key(), [], default, 20000m)).Outcome);
    }

    [Fact]
    public async Task ApprovalRefusesWhenTheBalanceNoLongerCoversTheAmount()
    {
        var (a, material, _) = await ReadyAsync();
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.HousePurchase, material, Key(), [], default, 18000m);
        // Money left the account after submission (a transfer at the counter, say).
        await fx.Get<MySqlLedgerStore>().PostAsync(a.Grzh, [(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), BusinessType.TransferOut, -3000m, "转出")], default);
        Assert.Equal(DecisionOutcome.AccountNoLongerEligible, await Decisions.ApproveAsync(id, "clerk-test", default));
        Assert.Equal(WithdrawalStatus.Submitted, (await Applications.GetAsync(id, a.Grzh, default))!.Withdrawal.Status);
    }

    [Fact]
    public async Task PastWithdrawalsCarryTheirMaterialsFactsForTheOnePerContractRule()
    {
        var (a, material, _) = await ReadyAsync("XY2026-0999");
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.HousePurchase, material, Key(), [], default, 1000m);
        await Decisions.ApproveAsync(id, "clerk-test", default);
        await fx.Get<MySqlWithdrawalStore>().InsertAsync(new Withdrawal(0, a.Grzh, WithdrawalType.Rent, 9600m, WithdrawalStatus.Paid,
            new DateTimeOffset(2022, 8, 3, 2, 15, 0, TimeSpan.Zero), new DateTimeOffset(2022, 8, 5, 7, 30, 0, TimeSpan.Zero), null), default);

        var past = await fx.Get<MySqlWithdrawalStore>().GetPastAsync(a.Grzh, default);
        Assert.Equal(2, past.Count);
        Assert.Equal((WithdrawalType.HousePurchase, WithdrawalStatus.Approved, "XY2026-0999"), (past[0].Withdrawal.Type, past[0].Withdrawal.Status, past[0].Facts["contractNo"]));
        Assert.Empty(past[1].Facts);

        var again = new WithdrawalMaterial(0, a.Grzh, WithdrawalType.HousePurchase, new Dictionary<string, string>
        {
            ["contractNo"] = "XY2026-0999", ["purchasedOn"] = "2026-10-01", ["price"] = "680000", ["address"] = "浉河区",
        }, DateTimeOffset.UtcNow);
        // Asked two months after the purchase, inside the 12-month window, so only the one-per-contract rule can answer
        // (with the real date, from 2027-10-01 on the window rule would answer first).
        var today = new DateOnly(2026, 12, 1);
        Assert.Contains("只能提取一次", PartialWithdrawalRules.MaterialProblem(again, past, today, new WithdrawalLimits()));
    }
}
