using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

/// <summary>What the citizen changes before review, the documents' lifecycle, and year-end interest: races and transactions.</summary>
[Collection(DataCollection.Name)]
public class WithdrawalChangesTests(DataFixture fx)
{
    private MySqlApplicationStore Applications => fx.Get<MySqlApplicationStore>();
    private MySqlMaterialStore Materials => fx.Get<MySqlMaterialStore>();
    private MySqlBankCardStore Cards => fx.Get<MySqlBankCardStore>();
    private WithdrawalDecisions Decisions => fx.Get<WithdrawalDecisions>();

    private async Task<(PersonalAccount Account, long MaterialId)> ReadyAsync()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        await fx.Get<MySqlLedgerStore>().PostAsync(a.Grzh, [(new DateOnly(2025, 1, 10), BusinessType.Remittance, 5000m, "汇缴")], default);
        Assert.Null(await Cards.SaveAsync(a.Grzh, "中国银行", "6217000000000000008", default));
        var material = await Materials.CreateAsync(a.Grzh, WithdrawalType.SettledAbroad,
            new Dictionary<string, string> { ["country"] = "新西兰", ["settledOn"] = "2026-03-01" }, default);
        return (a, material);
    }

    private Task<(long Id, string? Problem)> UploadAsync(string grzh, long material, DocumentKind kind = DocumentKind.IdCardFront) =>
        Materials.AddDocumentAsync(grzh, material, kind, Guid.NewGuid().ToString("N") + ".bin", "dev1", new byte[32], "image/png", 100, default);

    private static string Key() => Guid.NewGuid().ToString("N");

    private static readonly DocumentKind[] Required = [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.HouseholdCancellation];

    private async Task UploadRequiredAsync(string grzh, long material)
    {
        foreach (var kind in Required) Assert.Null((await UploadAsync(grzh, material, kind)).Problem);
    }

    [Fact]
    public async Task TenUploadsOfOneKindAtOnceStopAtTheCap()
    {
        var (a, material) = await ReadyAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => UploadAsync(a.Grzh, material))));

        Assert.Equal(DocumentRules.MaxFilesPerKind, results.Count(r => r.Problem is null));
        Assert.Equal(DocumentRules.MaxFilesPerKind, (await Materials.PendingDocumentsAsync(a.Grzh, material, default)).Count);
        foreach (var (id, _) in results.Where(r => r.Problem is null))
            Assert.Equal("document.upload", Assert.Single(await fx.Get<AuditTrail>().ForTargetAsync("document:" + id, default)).Action);
    }

    [Fact]
    public async Task SubmittedDocumentsBelongToTheApplicationAndDoNotCarryIntoTheNext()
    {
        var (a, material) = await ReadyAsync();
        await UploadRequiredAsync(a.Grzh, material);
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), Required, default);

        Assert.Equal(3, (await Materials.ApplicationDocumentsAsync(id, default)).Count);
        Assert.Empty(await Materials.PendingDocumentsAsync(a.Grzh, material, default));
        // While it is open nothing changes; once rejected the old files stay the application's.
        Assert.Contains("申请已提交", (await UploadAsync(a.Grzh, material)).Problem);
        var submitted = (await Materials.ApplicationDocumentsAsync(id, default))[0];
        Assert.NotNull((await Materials.DeleteDocumentAsync(a.Grzh, submitted.Id, default)).Problem);
        Assert.Equal(DecisionOutcome.Done, await Decisions.RejectAsync(id, "clerk-test", "材料不清晰", default));
        Assert.Contains("随申请提交", (await Materials.DeleteDocumentAsync(a.Grzh, submitted.Id, default)).Problem);

        var again = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), Required, default);
        Assert.Equal(SubmitOutcome.DocumentsMissing, again.Outcome);
        await UploadRequiredAsync(a.Grzh, material);
        var (outcome, second) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), Required, default);
        Assert.Equal(SubmitOutcome.Created, outcome);
        var firstIds = (await Materials.ApplicationDocumentsAsync(id, default)).Select(d => d.Id).ToList();
        var secondIds = (await Materials.ApplicationDocumentsAsync(second, default)).Select(d => d.Id).ToList();
        Assert.Equal(3, secondIds.Count);
        Assert.Empty(secondIds.Intersect(firstIds));
    }

    [Fact]
    public async Task ASubmitRacingADeleteNeverMakesAnApplicationWithoutTheDocument()
    {
        for (var round = 0; round < 5; round++)
        {
            var (a, material) = await ReadyAsync();
            await UploadRequiredAsync(a.Grzh, material);
            var front = (await Materials.PendingDocumentsAsync(a.Grzh, material, default)).Single(d => d.Kind == DocumentKind.IdCardFront);

            var submit = Task.Run(() => Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), Required, default));
            var delete = Task.Run(() => Materials.DeleteDocumentAsync(a.Grzh, front.Id, default));
            var (outcome, id) = await submit;
            var (_, problem) = await delete;

            // Exactly one wins: the application with all three documents, or the delete and no application.
            if (outcome == SubmitOutcome.Created)
            {
                Assert.NotNull(problem);
                Assert.Contains(front.Id, (await Materials.ApplicationDocumentsAsync(id, default)).Select(d => d.Id));
            }
            else
            {
                Assert.Equal(SubmitOutcome.DocumentsMissing, outcome);
                Assert.Null(problem);
                Assert.Null(await Applications.OpenIdAsync(a.Grzh, default));
            }
        }
    }

    [Fact]
    public async Task ReplacingTheCardKeepsTheOldOneForTheAuditAndIsRefusedWhileAnApplicationIsOpen()
    {
        var (a, material) = await ReadyAsync();
        Assert.Null(await Cards.SaveAsync(a.Grzh, "中国工商银行", "6222 0212 3456 7890 128", default));

        Assert.Equal("0128", (await Cards.GetAsync(a.Grzh, default))!.Last4);
        Assert.Equal(["0008"], (await Cards.ReplacedAsync(a.Grzh, default)).Select(c => c.Last4));
        var audit = await fx.Get<AuditTrail>().ForTargetAsync("account:" + a.Grzh, default);
        Assert.Equal(["bankcard.save", "bankcard.replace"], audit.Where(e => e.Action.StartsWith("bankcard.")).Select(e => e.Action));
        Assert.All(audit, e => Assert.DoesNotContain("6222021234567890128", e.Detail));

        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
        Assert.Contains("申请已提交", await Cards.SaveAsync(a.Grzh, "中国银行", "6217000000000000008", default));
        Assert.Equal("0128", (await Applications.GetAsync(id, a.Grzh, default))!.CardLast4);
    }

    [Fact]
    public async Task TheOwnerCancelsBeforeReviewAndNoOneElseCan()
    {
        var (a, material) = await ReadyAsync();
        var (b, _) = await ReadyAsync();
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);

        Assert.Equal(DecisionOutcome.NotFound, await Decisions.CancelAsync(id, b.Grzh, default));
        Assert.Equal(DecisionOutcome.Done, await Decisions.CancelAsync(id, a.Grzh, default));
        Assert.Equal(WithdrawalStatus.Cancelled, (await Applications.GetAsync(id, a.Grzh, default))!.Withdrawal.Status);
        Assert.Null(await Applications.OpenIdAsync(a.Grzh, default));
        Assert.Equal(DecisionOutcome.NotInRequiredState, await Decisions.ApproveAsync(id, "clerk-test", default));
        Assert.Equal(5000m, (await fx.Get<MySqlAccountStore>().GetAsync(a.Grzh, default))!.Balance);
        var audit = await fx.Get<AuditTrail>().ForTargetAsync(AuditTrail.Withdrawal(id), default);
        Assert.Equal(("withdrawal.cancel", "citizen:" + a.Grzh), (audit[^1].Action, audit[^1].Actor));
    }

    [Fact]
    public async Task ACancelRacingAnApprovalLeavesOneOutcomeAndTheMoneyConsistent()
    {
        for (var round = 0; round < 5; round++)
        {
            var (a, material) = await ReadyAsync();
            var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, material, Key(), [], default);
            var outcomes = await Task.WhenAll(
                Task.Run(() => Decisions.CancelAsync(id, a.Grzh, default)),
                Task.Run(() => Decisions.ApproveAsync(id, "clerk-test", default)));

            Assert.Single(outcomes, DecisionOutcome.Done);
            var account = (await fx.Get<MySqlAccountStore>().GetAsync(a.Grzh, default))!;
            var status = (await Applications.GetAsync(id, a.Grzh, default))!.Withdrawal.Status;
            if (status == WithdrawalStatus.Cancelled) Assert.Equal((AccountStatus.Normal, 5000m), (account.Status, account.Balance));
            else Assert.Equal((WithdrawalStatus.Approved, AccountStatus.Closed, 0m), (status, account.Status, account.Balance));
        }
    }

    [Fact]
    public async Task AMaterialUsedByAnApplicationIsKeptAndAnUnusedOneGoesWithItsFiles()
    {
        var (a, used) = await ReadyAsync();
        var (_, id) = await Applications.SubmitAsync(a.Grzh, WithdrawalType.SettledAbroad, used, Key(), [], default);
        Assert.Equal(DecisionOutcome.Done, await Decisions.CancelAsync(id, a.Grzh, default));
        Assert.Contains("不能删除", (await Materials.DeleteAsync(a.Grzh, used, default)).Problem);

        var unused = await Materials.CreateAsync(a.Grzh, WithdrawalType.SettledAbroad, new Dictionary<string, string> { ["country"] = "澳大利亚", ["settledOn"] = "2026-02-01" }, default);
        var (doc, _) = await UploadAsync(a.Grzh, unused);
        var (files, problem) = await Materials.DeleteAsync(a.Grzh, unused, default);
        Assert.Null(problem);
        Assert.Single(files);
        Assert.Null(await Materials.GetAsync(a.Grzh, unused, default));
        Assert.Null(await Materials.GetDocumentAsync(doc, default));
    }

    [Fact]
    public async Task YearEndInterestIsPostedOnceEvenWhenTwoRunsOverlap()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        await fx.Get<MySqlLedgerStore>().PostAsync(a.Grzh, [(new DateOnly(2025, 6, 10), BusinessType.Remittance, 10000m, "汇缴")], default);
        await using (var conn = await fx.Get<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE personal_account SET status = '02', sealed_on = '2025-07-01' WHERE grzh = @Grzh", new { a.Grzh });
        var interest = fx.Get<YearEndInterest>();

        var posted = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => interest.PostAsync(a.Grzh, new DateOnly(2026, 7, 1), default))));

        // 8.75 for 2024/25 (21 days), 152.22 for 2025/26 on 10,008.75: see DepositInterestTests.
        Assert.Equal([0m, 0m, 160.97m], posted.Order());
        Assert.Equal(10160.97m, (await fx.Get<MySqlAccountStore>().GetAsync(a.Grzh, default))!.Balance);
        var y2026 = (await fx.Get<StatementQuery>().GetAsync(a.Grzh, 2026, default)).Entries;
        Assert.Equal((BusinessType.YearEndInterest, new DateOnly(2026, 6, 30), 152.22m), (y2026[^1].Type, y2026[^1].Date, y2026[^1].Amount));
        Assert.Equal(0m, await interest.PostAsync(a.Grzh, new DateOnly(2026, 12, 1), default));
    }
}
