using Fund.Core.Loans;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Ledger;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

[Collection(DataCollection.Name)]
public class WithdrawalApplicationTests(DataFixture fx)
{
    private MySqlApplicationStore Applications => fx.Get<MySqlApplicationStore>();
    private WithdrawalDecisions Decisions => fx.Get<WithdrawalDecisions>();

    /// <summary>A fresh account with 12,345.67 on it, a card on file, a material, and a bound OpenID.</summary>
    private async Task<(PersonalAccount Account, long MaterialId, string OpenId)> ReadyAsync()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        await fx.Get<MySqlLedgerStore>().PostAsync(a.Grzh, [(new DateOnly(2025, 1, 10), BusinessType.Remittance, 12345.67m, "汇缴")], default);
        await fx.Get<MySqlBankCardStore>().SaveFirstAsync(a.Grzh, "中国工商银行", "6222 0212 3456 7890 128", default);
        var material = await fx.Get<MySqlMaterialStore>().CreateAsync(a.Grzh, WithdrawalType.SettledAbroad,
            new Dictionary<string, string> { ["country"] = "新西兰", ["settledOn"] = "2026-03-01" }, default);
        var openId = "data-" + Guid.NewGuid().ToString("N")[..20];
        await fx.Get<IBindingStore>().BindAsync(openId, a.Grzh, default);
        return (a, material, openId);
    }

    private static string Key() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task TheSameIdempotencyKeyTwiceMakesOneApplication()
    {
        var (a, material, _) = await ReadyAsync();
        var key = Key();
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, key, [], default)));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(1, results.Count(r => r.Outcome == SubmitOutcome.Created));
        Assert.Single(await fx.Get<MySqlWithdrawalStore>().GetHistoryAsync(a.Grzh, default));
    }

    [Fact]
    public async Task ASecondTabWithAnotherKeyFindsTheOpenApplication()
    {
        var (a, material, _) = await ReadyAsync();
        var first = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
        var second = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
        Assert.Equal(SubmitOutcome.Created, first.Outcome);
        Assert.Equal((SubmitOutcome.AnotherOpen, first.Id), second);
    }

    [Fact]
    public async Task TheDatabaseItselfRefusesASecondOpenApplication()
    {
        var (a, material, _) = await ReadyAsync();
        await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
        await using var conn = await fx.Get<FundDatabase>().OpenAsync(default);
        var e = await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() => conn.ExecuteAsync(
            "INSERT INTO withdrawal (grzh, type, amount, status, submitted_at) VALUES (@Grzh, 2, 1, 1, UTC_TIMESTAMP())", new { a.Grzh }));
        Assert.Equal(1062, e.Number);
    }

    [Fact]
    public async Task ApprovalPostsTheInterestToDateThenTheWholeBalanceAsClosingWithdrawalAndClosesTheAccount()
    {
        var (a, material, openId) = await ReadyAsync();
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
        var before = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(DecisionOutcome.Done, await Decisions.ApproveAsync(id, "clerk-test", default));
        var after = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var account = await fx.Get<MySqlAccountStore>().GetAsync(a.Grzh, default);
        Assert.Equal(0m, account!.Balance);
        Assert.Equal(AccountStatus.Closed, account.Status);
        // The approval's postings are the ledger's newest, on the day it ran: the one before it or, when it crossed
        // midnight in Beijing, the one after. The interest is due to that day.
        var year = (await fx.Get<MySqlLedgerStore>().GetYearsAsync(a.Grzh, default)).Max();
        var entries = (await fx.Get<StatementQuery>().GetAsync(a.Grzh, year, default)).Entries;
        var approvedOn = entries[^1].Date;
        Assert.InRange(approvedOn, before, after);
        // 12,345.67 since 2025-01-10 and no interest posted yet: the year ends missing, then this year's to that day.
        var interest = DepositInterest.DueAtClosing([new LedgerEntry(new DateOnly(2025, 1, 10), BusinessType.Remittance, 12345.67m, 12345.67m, "")], approvedOn);
        var payout = 12345.67m + interest.Sum(p => p.Amount);
        Assert.True(payout > 12345.67m);
        Assert.Equal((BusinessType.ClosingWithdrawal, -payout, 0m), (entries[^1].Type, entries[^1].Amount, entries[^1].BalanceAfter));
        if (interest[^1].Type == BusinessType.ClosingInterest)
            Assert.Equal((BusinessType.ClosingInterest, interest[^1].Amount, payout), (entries[^2].Type, entries[^2].Amount, entries[^2].BalanceAfter));

        var application = await Applications.GetAsync(id, a.Grzh, default);
        Assert.Equal((WithdrawalStatus.Approved, payout, "0128"), (application!.Withdrawal.Status, application.Withdrawal.Amount, application.CardLast4));
        Assert.Equal(DecisionOutcome.Done, await Decisions.MarkPaidAsync(id, "clerk-test", default));
        Assert.Equal(DecisionOutcome.NotInRequiredState, await Decisions.MarkPaidAsync(id, "clerk-test", default));

        var audit = await fx.Get<AuditTrail>().ForTargetAsync(AuditTrail.Withdrawal(id), default);
        Assert.Equal(["withdrawal.submit", "withdrawal.approve", "withdrawal.paid"], audit.Select(e => e.Action));
        Assert.Equal("staff:clerk-test", audit[1].Actor);
        var queued = await fx.Get<NotificationOutbox>().ForOpenIdAsync(openId, default);
        Assert.Equal([TemplateKeys.WithdrawalApproved, TemplateKeys.WithdrawalPaid], queued.Select(q => q.TemplateKey));
        Assert.All(queued, q => Assert.Equal($"/h5/withdraw/status/{id}", q.Url));
    }

    [Theory]
    [InlineData("frozen")]
    [InlineData("loan")]
    public async Task AnAccountFrozenOrBorrowingSinceSubmissionCannotBeApprovedAndKeepsItsMoney(string change)
    {
        var (a, material, _) = await ReadyAsync();
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
        await using (var conn = await fx.Get<FundDatabase>().OpenAsync(default))
        {
            if (change == "frozen")
                await conn.ExecuteAsync("UPDATE personal_account SET status = '06' WHERE grzh = @Grzh", new { a.Grzh });
            else
                await fx.Get<MySqlLoanStore>().InsertAsync(new Loan
                {
                    ContractNo = "T" + Guid.NewGuid().ToString("N")[..20], Grzh = a.Grzh, Amount = 100000m, TermMonths = 120,
                    AnnualRate = 0.026m, Method = RepaymentMethod.EqualInstalment, Status = LoanStatus.InProgress,
                    OutstandingPrincipal = 100000m,
                }, default);
        }

        Assert.Equal(DecisionOutcome.AccountNoLongerEligible, await Decisions.ApproveAsync(id, "clerk-test", default));

        Assert.Equal(12345.67m, (await fx.Get<MySqlAccountStore>().GetAsync(a.Grzh, default))!.Balance);
        Assert.Equal(WithdrawalStatus.Submitted, (await Applications.GetAsync(id, a.Grzh, default))!.Withdrawal.Status);
        // The clerk can still send it back with a reason.
        Assert.Equal(DecisionOutcome.Done, await Decisions.RejectAsync(id, "clerk-test", "账户已冻结", default));
    }

    [Fact]
    public async Task TwoClerksApprovingAtOnceExactlyOneSucceedsAndTheMoneyLeavesOnce()
    {
        var (a, material, _) = await ReadyAsync();
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Decisions.ApproveAsync(id, $"clerk{i}", default))));

        Assert.Equal(1, outcomes.Count(o => o == DecisionOutcome.Done));
        Assert.Equal(5, outcomes.Count(o => o == DecisionOutcome.NotInRequiredState));
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var statement = await fx.Get<StatementQuery>().GetAsync(a.Grzh, year, default);
        Assert.Single(statement.Entries, e => e.Type == BusinessType.ClosingWithdrawal);
        Assert.Single((await fx.Get<AuditTrail>().ForTargetAsync(AuditTrail.Withdrawal(id), default)), e => e.Action == "withdrawal.approve");
    }

    [Fact]
    public async Task ApproveAndRejectRacingLeaveOneDecision()
    {
        var (a, material, _) = await ReadyAsync();
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
        var outcomes = await Task.WhenAll(
            Task.Run(() => Decisions.ApproveAsync(id, "clerk-a", default)),
            Task.Run(() => Decisions.RejectAsync(id, "clerk-b", "材料不清晰", default)));
        Assert.Single(outcomes, DecisionOutcome.Done);
    }

    [Fact]
    public async Task ARejectedApplicationFreesTheAccountForANewOne()
    {
        var (a, material, openId) = await ReadyAsync();
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
        Assert.Equal(DecisionOutcome.Done, await Decisions.RejectAsync(id, "clerk-test", "户口注销证明不清晰", default));

        var rejected = await Applications.GetAsync(id, a.Grzh, default);
        Assert.Equal((WithdrawalStatus.Rejected, "户口注销证明不清晰"), (rejected!.Withdrawal.Status, rejected.Withdrawal.Reason));
        Assert.Equal(AccountStatus.Normal, (await fx.Get<MySqlAccountStore>().GetAsync(a.Grzh, default))!.Status);
        Assert.Equal(SubmitOutcome.Created, (await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default)).Outcome);
        Assert.Equal([TemplateKeys.WithdrawalRejected], (await fx.Get<NotificationOutbox>().ForOpenIdAsync(openId, default)).Select(q => q.TemplateKey));
    }

    [Fact]
    public async Task AnotherCitizensApplicationIsNotFoundByItsOwnerFilter()
    {
        var (a, material, _) = await ReadyAsync();
        var (b, _, _) = await ReadyAsync();
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
        Assert.Null(await Applications.GetAsync(id, b.Grzh, default));
        Assert.Null(await fx.Get<MySqlMaterialStore>().GetAsync(b.Grzh, material, default));
    }

    [Fact]
    public async Task TheCardNumberIsStoredOnlyAsCiphertextAndLastFour()
    {
        var (a, _, _) = await ReadyAsync();
        await using var conn = await fx.Get<FundDatabase>().OpenAsync(default);
        var enc = await conn.QuerySingleAsync<byte[]>("SELECT card_enc FROM bank_card WHERE grzh = @Grzh", new { a.Grzh });
        Assert.DoesNotContain("6222021234567890128", System.Text.Encoding.UTF8.GetString(enc));
        Assert.Equal("0128", (await fx.Get<MySqlBankCardStore>().GetAsync(a.Grzh, default))!.Last4);
        Assert.False(await fx.Get<MySqlBankCardStore>().SaveFirstAsync(a.Grzh, "另一家银行", "6222021234567890003", default));
    }
}
