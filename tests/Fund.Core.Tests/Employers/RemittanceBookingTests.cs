using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Ledger;

namespace Fund.Core.Tests.Employers;

public sealed class RemittanceBookingTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly DateOnly November = new(2026, 11, 1);

    private static EmployeeContribution Employee(string grzh, decimal monthlyEach, decimal balance, int lastSeq,
        AccountStatus status = AccountStatus.Normal) =>
        new(grzh, "职工" + grzh[^2..], status, monthlyEach, monthlyEach, new DateOnly(2026, 10, 1), balance, lastSeq);

    [Fact]
    public void EachEmployeesLinePostsAfterTheirLastWithTheBalanceAfterAndTheNoticeSaysBoth()
    {
        var (outcome, booking) = RemittanceBooking.Book("411501000001", new DateOnly(2026, 10, 1), November, Today, 1, 1440m,
            [Employee("411500000001", 720m, 10000m, 41), Employee("411500000002", 600m, 0m, 0, AccountStatus.Sealed)]);

        Assert.Equal(RemittanceOutcome.Posted, outcome);
        var entry = Assert.Single(booking!.Entries);
        Assert.Equal(new PlannedEntry("411500000001", 42, new Posting(Today, BusinessType.BackPayment, 1440m, "2026年11月补缴"), 11440m), entry);
        var notice = Assert.Single(booking.Notices);
        Assert.Equal(("1440.00元", "11440.00元"), (notice.Fields["keyword2"], notice.Fields["keyword3"]));
        Assert.Equal((November, EmployerBusinessStatus.Posted), (booking.PaidUpTo, booking.Status));
    }

    [Fact]
    public void AMonthAlreadyPaidOrNotYetDueOrChangedSinceShownBooksNothing()
    {
        EmployeeContribution[] one = [Employee("411500000001", 720m, 0m, 0)];
        Assert.Equal(RemittanceOutcome.AlreadyRemitted, RemittanceBooking.Book("d", November, November, Today, 1, 1440m, one).Outcome);
        Assert.Equal(RemittanceOutcome.NotDue, RemittanceBooking.Book("d", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 1), Today, 1, 1440m, one).Outcome);
        Assert.Equal(RemittanceOutcome.Changed, RemittanceBooking.Book("d", new DateOnly(2026, 10, 1), November, Today, 2, 2880m, one).Outcome);
        Assert.Equal(RemittanceOutcome.NobodyToRemit, RemittanceBooking.Book("d", new DateOnly(2026, 10, 1), November, Today, 0, 0m, []).Outcome);
    }
}
