using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Ledger;
using Fund.Data.Employers;
using Fund.Data.Stores;

namespace Fund.Data.Tests.Employers;

[Collection(DataCollection.Name)]
public class RosterStoreTests(DataFixture fx)
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly RosterCheck Check = new(TestEmployers.Rules);
    private RosterStore Rosters => fx.Get<RosterStore>();

    private Task<(SubmitRosterOutcome Outcome, IReadOnlyList<RowVerdict> Verdicts)> SubmitAsync(long id, string dwzh, Transactor who) =>
        Rosters.SubmitAsync(id, dwzh, who, Check, TestEmployers.Rules, Today, default);

    [Fact]
    public async Task OpeningMakesNewAccountsAndReattachesOneSealedElsewhere()
    {
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var (other, _) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var leaver = await TestEmployers.EmployeeAsync(fx, other, 5000m, AccountStatus.Sealed, balance: 8000m);
        var newcomer = TestEmployers.NewIdNumber();
        var id = await Rosters.CreateDraftAsync(dwzh, RosterKind.Open, who.OperatorId,
        [
            new RosterRow(2, "新职工", newcomer, "13900000001", Base: "6500"),
            new RosterRow(3, leaver.Name, leaver.IdNumber, "13900000002", Base: "7000"),
        ], default);

        var (outcome, _) = await SubmitAsync(id, dwzh, who);

        Assert.Equal(SubmitRosterOutcome.Posted, outcome);
        var accounts = fx.Get<MySqlAccountStore>();
        var opened = await accounts.FindByIdNumberAsync(newcomer, default);
        Assert.NotNull(opened);
        Assert.StartsWith(AccountNumbers.OpenedOnlinePrefix, opened.Grzh);
        Assert.Equal((dwzh, AccountStatus.Normal, 780m, 780m, 0m, new DateOnly(2026, 10, 1)),
            (opened.Dwzh, opened.Status, opened.PersonalMonthly, opened.EmployerMonthly, opened.Balance, opened.PaidUpTo));
        Assert.Equal("13900000001", opened.Phone);
        var moved = await accounts.GetAsync(leaver.Grzh, default);
        Assert.Equal((dwzh, AccountStatus.Normal, 8000m, (DateOnly?)null, 840m), (moved!.Dwzh, moved.Status, moved.Balance, moved.SealedOn, moved.PersonalMonthly));
        var history = await fx.Get<MySqlLedgerStore>().GetYearAsync(leaver.Grzh, 2026, default);
        Assert.Equal(2, history.Count); // the old entry moved with the account, and the transfer line
        Assert.Equal(BusinessType.TransferIn, history[^1].Type);

        var audit = Assert.Single(await fx.Get<AuditTrail>().ForTargetAsync(RemittancePosting.Target(id), default), e => e.Action == "roster.submit");
        Assert.Contains("serial=" + who.CertSerial, audit.Detail);
        Assert.Equal(SubmitRosterOutcome.NotFound, (await SubmitAsync(id, dwzh, who)).Outcome); // posted once only
    }

    [Fact]
    public async Task OneBadRowStopsTheWholeRoster()
    {
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var good = TestEmployers.NewIdNumber();
        var id = await Rosters.CreateDraftAsync(dwzh, RosterKind.Open, who.OperatorId,
            [new RosterRow(2, "张甲", good, "13900000001", Base: "6500"), new RosterRow(3, "李乙", "411502199001011234", "13900000002", Base: "100")], default);

        var (outcome, verdicts) = await SubmitAsync(id, dwzh, who);

        Assert.Equal(SubmitRosterOutcome.HasProblems, outcome);
        Assert.True(verdicts[0].Passes);
        Assert.Equal(3, verdicts[1].RowNo);
        Assert.Contains("缴存基数不得低于本市下限2000.00元", verdicts[1].Problems);
        Assert.Null(await fx.Get<MySqlAccountStore>().FindByIdNumberAsync(good, default));
    }

    [Fact]
    public async Task SealingRecordsTheDateAndUnsealingClearsIt()
    {
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var e = await TestEmployers.EmployeeAsync(fx, dwzh, 6000m);
        var seal = await Rosters.CreateDraftAsync(dwzh, RosterKind.Seal, who.OperatorId, [new RosterRow(2, e.Name, Grzh: e.Grzh, Date: "2026-05-31")], default);
        Assert.Equal(SubmitRosterOutcome.Posted, (await SubmitAsync(seal, dwzh, who)).Outcome);
        var sealedAccount = await fx.Get<MySqlAccountStore>().GetAsync(e.Grzh, default);
        Assert.Equal((AccountStatus.Sealed, (DateOnly?)new DateOnly(2026, 5, 31)), (sealedAccount!.Status, sealedAccount.SealedOn));
        // From real data: sealed on 2026-05-31, the six months are up on 2026-11-30.
        Assert.True(Core.Withdrawals.WithdrawalEligibility.Check(Core.Withdrawals.WithdrawalType.EmploymentEnded, sealedAccount, [], Today).Allowed);
        Assert.False(Core.Withdrawals.WithdrawalEligibility.Check(Core.Withdrawals.WithdrawalType.EmploymentEnded, sealedAccount, [], new DateOnly(2026, 11, 29)).Allowed);

        var unseal = await Rosters.CreateDraftAsync(dwzh, RosterKind.Unseal, who.OperatorId, [new RosterRow(2, e.Name, Grzh: e.Grzh)], default);
        Assert.Equal(SubmitRosterOutcome.Posted, (await SubmitAsync(unseal, dwzh, who)).Outcome);
        var back = await fx.Get<MySqlAccountStore>().GetAsync(e.Grzh, default);
        Assert.Equal((AccountStatus.Normal, (DateOnly?)null), (back!.Status, back.SealedOn));
    }

    [Fact]
    public async Task BaseAdjustmentRecomputesTheMonthlyAmountsOnceAYear()
    {
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var e = await TestEmployers.EmployeeAsync(fx, dwzh, 6000m);
        var first = await Rosters.CreateDraftAsync(dwzh, RosterKind.BaseAdjust, who.OperatorId, [new RosterRow(2, e.Name, Grzh: e.Grzh, Base: "8000.50")], default);
        Assert.Equal(SubmitRosterOutcome.Posted, (await SubmitAsync(first, dwzh, who)).Outcome);
        var adjusted = await fx.Get<MySqlAccountStore>().GetAsync(e.Grzh, default);
        Assert.Equal((8000.50m, 960.06m, 960.06m), (adjusted!.ContributionBase, adjusted.PersonalMonthly, adjusted.EmployerMonthly));

        var second = await Rosters.CreateDraftAsync(dwzh, RosterKind.BaseAdjust, who.OperatorId, [new RosterRow(2, e.Name, Grzh: e.Grzh, Base: "9000")], default);
        Assert.Equal(SubmitRosterOutcome.BaseAdjustedThisYear, (await SubmitAsync(second, dwzh, who)).Outcome);
    }

    [Fact]
    public async Task DraftRowsAreStoredEncrypted()
    {
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var idNumber = TestEmployers.NewIdNumber();
        var id = await Rosters.CreateDraftAsync(dwzh, RosterKind.Open, who.OperatorId, [new RosterRow(2, "张甲", idNumber, "13900000001", Base: "6500")], default);
        await using var conn = await fx.Get<FundDatabase>().OpenAsync(default);
        var stored = await conn.QuerySingleAsync<byte[]>("SELECT row_enc FROM employer_business_row WHERE business_id = @id", new { id });
        Assert.DoesNotContain(idNumber, System.Text.Encoding.UTF8.GetString(stored));
        var draft = await Rosters.GetDraftAsync(id, dwzh, default);
        Assert.Equal(idNumber, Assert.Single(draft!.Value.Rows).IdNumber);
        Assert.Null(await Rosters.GetDraftAsync(id, TestEmployers.NewDwzh(), default)); // another employer sees nothing
    }
}
