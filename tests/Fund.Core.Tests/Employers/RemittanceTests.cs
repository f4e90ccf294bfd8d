using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Ledger;

namespace Fund.Core.Tests.Employers;

public class RemittanceTests
{
    private static readonly DateOnly December = new(2026, 12, 1);

    [Fact]
    public void TheNextMonthFollowsTheLastPaidAndArrearsComeInOrder()
    {
        var schedule = new RemittanceSchedule(new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 2));
        Assert.Equal(new DateOnly(2026, 10, 1), schedule.NextMonth);
        Assert.Equal([new(2026, 10, 1), new(2026, 11, 1), new(2026, 12, 1)], schedule.Outstanding);
    }

    [Fact]
    public void AnEmployerPaidUpToThisMonthHasNothingDue()
    {
        var schedule = new RemittanceSchedule(December, new DateOnly(2026, 12, 31));
        Assert.Null(schedule.NextMonth);
        Assert.Empty(schedule.Outstanding);
    }

    [Fact]
    public void TheMonthAcrossTheYearEndIsJanuary() =>
        Assert.Equal(new DateOnly(2027, 1, 1), new RemittanceSchedule(December, new DateOnly(2027, 1, 15)).NextMonth);

    [Fact]
    public void AnEmployerWithNothingPaidStartsWithTheCurrentMonth() =>
        Assert.Equal(December, new RemittanceSchedule(null, new DateOnly(2026, 12, 9)).NextMonth);

    [Fact]
    public void AMonthBeforeTheCurrentOneIsABackPayment()
    {
        Assert.Equal(BusinessType.BackPayment, RemittanceSchedule.TypeOf(new DateOnly(2026, 11, 1), December));
        Assert.Equal(BusinessType.Remittance, RemittanceSchedule.TypeOf(December, new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void ThePlanHoldsActiveEmployeesNotYetPaidForTheMonth()
    {
        var plan = RemittancePlan.For("411501000001", new DateOnly(2026, 11, 1), December,
        [
            new("411500000002", "乙", AccountStatus.Normal, 500m, 500m, new DateOnly(2026, 10, 1)),
            new("411500000001", "甲", AccountStatus.Normal, 720m, 720m, new DateOnly(2026, 10, 1)),
            new("411500000003", "丙", AccountStatus.Sealed, 300m, 300m, new DateOnly(2026, 10, 1)),
            new("411500000004", "丁", AccountStatus.Normal, 400m, 400m, new DateOnly(2026, 11, 1)), // already paid
            new("411500000005", "戊", AccountStatus.Normal, 250m, 250m, null),                     // newly opened
            new("411500000006", "己", AccountStatus.Frozen, 100m, 100m, new DateOnly(2026, 10, 1)),
        ]);
        Assert.Equal(["411500000001", "411500000002", "411500000005"], plan.Lines.Select(l => l.Grzh));
        Assert.Equal(1440m + 1000m + 500m, plan.Total);
        Assert.Equal(BusinessType.BackPayment, plan.Type);
        Assert.Equal("2026年11月补缴", plan.Memo);
        Assert.True(plan.Matches(3, 2940m));
        Assert.False(plan.Matches(3, 2940.01m));
        Assert.False(plan.Matches(2, 2940m));
    }

    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData("202602", 2026, 2)]
    public void MonthsParseFromEitherForm(string text, int year, int month) =>
        Assert.Equal(new DateOnly(year, month, 1), PayMonths.Parse(text));

    [Theory]
    [InlineData("2026-13")]
    [InlineData("")]
    [InlineData("十一月")]
    public void NonsenseIsNoMonth(string text) => Assert.Null(PayMonths.Parse(text));

    [Fact]
    public void NextDueWithoutPaymentsIsTheOpeningMonth() =>
        Assert.Equal(new DateOnly(2026, 3, 1), PayMonths.NextDue(null, new DateOnly(2026, 3, 17)));
}
