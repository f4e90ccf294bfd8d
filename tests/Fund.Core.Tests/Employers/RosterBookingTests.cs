using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Ledger;

namespace Fund.Core.Tests.Employers;

public sealed class RosterBookingTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly ContributionBaseRules Rules = new(2000m, 25000m, AmountRounding.Fen);
    private static readonly EmployerOnFile Employer = new("411501000001", "信阳市示范单位", 0.12m, 0.12m, new DateOnly(2026, 10, 1), null);

    [Fact]
    public void ATransferInMovesTheAccountWithTheLaterPaidUpToAndMarksTheMoveWithAZeroLine()
    {
        var id = "41150219880202002" + Fund.Core.Validation.IdNumber.CheckCharacter("41150219880202002");
        var known = new Dictionary<string, KnownPerson>
        {
            [id] = new("411500000009", "李四", "411501000002", AccountStatus.Sealed, new DateOnly(2026, 11, 1), "旧单位"),
        };
        var (outcome, _, booking) = RosterBooking.Book(RosterKind.TransferIn, Employer, [new RosterRow(2, "李四", id, Base: "6000")],
            known, new RosterCheck(Rules), Rules, Today);

        Assert.Equal(SubmitRosterOutcome.Posted, outcome);
        var joins = Assert.IsType<AccountJoins>(Assert.Single(booking!.Changes));
        Assert.Equal(("411500000009", new DateOnly(2026, 11, 1), 720m), (joins.Grzh, joins.PaidUpTo, joins.Terms.Monthly.Personal));
        var (grzh, posting) = Assert.Single(booking.Postings);
        Assert.Equal(("411500000009", BusinessType.TransferIn, 0m, "自旧单位转入信阳市示范单位"), (grzh, posting.Type, posting.Amount, posting.Memo));
    }

    [Fact]
    public void ASecondBaseAdjustmentInAYearAndAnEmptyRosterBookNothing()
    {
        var check = new RosterCheck(Rules);
        Assert.Equal(SubmitRosterOutcome.BaseAdjustedThisYear,
            RosterBooking.Book(RosterKind.BaseAdjust, Employer with { BaseAdjustedYear = 2026 }, [new RosterRow(2)], new Dictionary<string, KnownPerson>(), check, Rules, Today).Outcome);
        Assert.Equal(SubmitRosterOutcome.Empty,
            RosterBooking.Book(RosterKind.Seal, Employer, [], new Dictionary<string, KnownPerson>(), check, Rules, Today).Outcome);
    }
}
