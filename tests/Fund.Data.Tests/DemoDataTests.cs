using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Loans;
using Fund.Core.Validation;
using Fund.Core.Withdrawals;
using Fund.Data.Seed;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

/// <summary>What scripts/test.sh seeded: the documented demo citizens, read as the service reads them.</summary>
[Collection(DataCollection.Name)]
public class DemoDataTests(DataFixture fx)
{
    private AccountQuery Accounts => fx.Get<AccountQuery>();

    [Fact]
    public void DemoIdNumbersAreValidAndDistinct()
    {
        Assert.All(DemoCitizens.All, c => Assert.True(IdNumber.IsValid(c.IdNumber), c.IdNumber));
        Assert.Equal(DemoCitizens.All.Count, DemoCitizens.All.Select(c => c.IdNumber).Distinct().Count());
    }

    [Fact]
    public async Task EveryRegisteredDemoCitizenIsBoundToTheirDemoOpenId()
    {
        foreach (var c in DemoCitizens.All)
        {
            var account = await Accounts.ForOpenIdAsync(c.OpenId, default);
            if (c.Registered) Assert.Equal(c.Grzh, account?.Grzh);
            else Assert.Null(account);
        }
    }

    [Fact]
    public async Task TheActiveContributorHasTenYearsOfConsistentStatements()
    {
        var statements = fx.Get<StatementQuery>();
        var years = await fx.Get<MySqlLedgerStore>().GetYearsAsync("411500000001", default);
        Assert.True(years.Count >= 10);
        decimal? previousClosing = null;
        foreach (var year in years.Reverse())
        {
            var s = await statements.GetAsync("411500000001", year, default);
            Assert.True(s.IsConsistent(), $"{year}");
            if (previousClosing is { } p) Assert.Equal(p, s.OpeningBalance);
            previousClosing = s.ClosingBalance;
        }
        var account = await fx.Get<IAccountStore>().GetAsync("411500000001", default);
        Assert.Equal(account!.Balance, previousClosing);
        var y2022 = await statements.GetAsync("411500000001", 2022, default);
        Assert.Contains(y2022.Entries, e => e.Type == BusinessType.PartialWithdrawal && e.Amount == -9600m);
    }

    [Fact]
    public async Task TheBorrowerInProgressHasStagesAndTheRepayingOneANextInstalment()
    {
        var inProgress = Assert.Single(await Accounts.LoansAsync("411500000002", default));
        Assert.Equal(LoanStatus.InProgress, inProgress.Status);
        var stages = await Accounts.ProgressAsync(inProgress.ContractNo, default);
        Assert.Equal(["受理", "初审", "审批"], stages.Select(s => s.Stage));

        var repaying = Assert.Single(await Accounts.LoansAsync("411500000003", default));
        Assert.Equal(LoanStatus.Repaying, repaying.Status);
        Assert.NotNull(repaying.NextInstalment);
        Assert.Equal("放款", (await Accounts.ProgressAsync(repaying.ContractNo, default))[^1].Stage);
    }

    [Fact]
    public async Task TheSealedAndRetiredCitizensAreSealed()
    {
        var store = fx.Get<IAccountStore>();
        var sealedOne = await store.GetAsync("411500000004", default);
        Assert.Equal(AccountStatus.Sealed, sealedOne!.Status);
        Assert.True(sealedOne.SealedOn <= DateOnly.FromDateTime(DateTime.Today).AddMonths(-6));
        var retired = await store.GetAsync("411500000005", default);
        Assert.Equal(new DateOnly(1962, 4, 18), IdNumber.BirthDate(retired!.IdNumber));
    }

    [Fact]
    public async Task WithdrawalHistoryShowsTheRentWithdrawal()
    {
        var w = Assert.Single(await Accounts.WithdrawalsAsync("411500000001", default));
        Assert.Equal(WithdrawalType.Rent, w.Type);
        Assert.Equal(WithdrawalStatus.Paid, w.Status);
        Assert.Equal(9600m, w.Amount);
        // Issue #13.12: its 办结 date (Beijing time) is the day the ledger shows it posted.
        var posted = Assert.Single((await fx.Get<StatementQuery>().GetAsync("411500000001", 2022, default)).Entries,
            e => e.Type == BusinessType.PartialWithdrawal);
        Assert.Equal(DateOnly.FromDateTime(w.DecidedAt!.Value.ToOffset(TimeSpan.FromHours(8)).DateTime), posted.Date);
    }

    [Fact]
    public async Task ServiceOutletsAreSeededAndFoundNearestFirst()
    {
        // 信阳 city centre: the 浉河区 hall is nearest, a county office is not among the three.
        var nearest = await fx.Get<Fund.Core.Outlets.OutletFinder>().NearestAsync(32.13, 114.07, 3, default);
        Assert.Equal(3, nearest.Count);
        Assert.StartsWith("市中心", nearest[0].Outlet.Name);
        Assert.True(nearest[0].Kilometres < nearest[1].Kilometres);
        Assert.DoesNotContain(nearest, d => d.Outlet.Name.StartsWith("固始", StringComparison.Ordinal));
    }
}
