using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Withdrawals;

namespace Fund.Core.Tests.Withdrawals;

public class WithdrawalReviewTests
{
    private static LockedApplication App(WithdrawalStatus status) => new(7, WithdrawalType.SettledAbroad, status, 36000m, "0128");

    private static LockedAccount Sealed(int loans = 0, AccountStatus status = AccountStatus.Sealed) => new(status, loans,
    [
        new LedgerEntry(new DateOnly(2025, 1, 10), BusinessType.Remittance, 36000m, 36000m, ""),
        new LedgerEntry(new DateOnly(2025, 6, 30), BusinessType.YearEndInterest, 100m, 36100m, ""),
    ]);

    [Fact]
    public void ApprovalPostsTheInterestToDateThenPaysOutBalanceAndInterest()
    {
        var (outcome, plan) = WithdrawalReview.Approve(App(WithdrawalStatus.Submitted), Sealed(), new DateOnly(2025, 7, 11));

        Assert.Equal(DecisionOutcome.Done, outcome);
        Assert.Equal([BusinessType.ClosingInterest, BusinessType.ClosingWithdrawal], plan!.Postings.Select(p => p.Type));
        Assert.Equal(15.04m, plan.Postings[0].Amount);
        Assert.Equal(-36115.04m, plan.Postings[1].Amount);
        Assert.Equal(36115.04m, plan.Amount);
        Assert.Equal(0m, 36100m + plan.Postings.Sum(p => p.Amount));
        Assert.True(plan.CloseAccount);
        Assert.Equal("36115.04元", plan.Message["keyword2"]);
    }

    /// <summary>Issue 19 item 18: the confirmation's amount is what approval pays, 销户结息 included, and holds it.</summary>
    [Fact]
    public void ThePayoutToConfirmIsWhatApprovalPaysAndAnOtherConfirmedAmountPaysNothing()
    {
        var today = new DateOnly(2025, 7, 11);
        var payout = WithdrawalReview.PayoutOf(App(WithdrawalStatus.Submitted), Sealed(), today);
        Assert.Equal(new Payout(36100m, 15.04m), payout);

        var (outcome, plan) = WithdrawalReview.Approve(App(WithdrawalStatus.Submitted), Sealed(), today, payout.Total);
        Assert.Equal(DecisionOutcome.Done, outcome);
        Assert.Equal(payout.Total, -plan!.Postings[^1].Amount);
        Assert.Equal(DecisionOutcome.PayoutChanged, WithdrawalReview.Approve(App(WithdrawalStatus.Submitted), Sealed(), today, 36100m).Outcome);
    }

    [Theory]
    [InlineData(AccountStatus.Frozen, 0)]
    [InlineData(AccountStatus.Closed, 0)]
    [InlineData(AccountStatus.Sealed, 1)]
    public void AnAccountFrozenClosedOrBorrowingIsNoLongerEligible(AccountStatus status, int loans) =>
        Assert.Equal(DecisionOutcome.AccountNoLongerEligible,
            WithdrawalReview.Approve(App(WithdrawalStatus.Submitted), Sealed(loans, status), new DateOnly(2025, 7, 11)).Outcome);

    [Theory]
    [InlineData(WithdrawalStatus.Approved)]
    [InlineData(WithdrawalStatus.Rejected)]
    [InlineData(WithdrawalStatus.Cancelled)]
    public void OnlyASubmittedApplicationCanBeApprovedRejectedOrCancelled(WithdrawalStatus status)
    {
        Assert.Equal(DecisionOutcome.NotInRequiredState, WithdrawalReview.Approve(App(status), Sealed(), new DateOnly(2025, 7, 11)).Outcome);
        Assert.Equal(DecisionOutcome.NotInRequiredState, WithdrawalReview.Reject(App(status), "材料不清晰", new DateOnly(2025, 7, 11)).Outcome);
        Assert.Equal(DecisionOutcome.NotInRequiredState, WithdrawalReview.Cancel(App(status)).Outcome);
    }

    [Fact]
    public void OnlyAnApprovedApplicationCanBeMarkedPaid()
    {
        Assert.Equal(DecisionOutcome.NotInRequiredState, WithdrawalReview.MarkPaid(App(WithdrawalStatus.Submitted), new DateOnly(2025, 7, 11)).Outcome);
        var (outcome, plan) = WithdrawalReview.MarkPaid(App(WithdrawalStatus.Approved), new DateOnly(2025, 7, 11));
        Assert.Equal(DecisionOutcome.Done, outcome);
        Assert.Equal(WithdrawalStatus.Paid, plan!.NewStatus);
        Assert.Contains("尾号0128", plan.Message["keyword3"]);
    }

    [Fact]
    public void CancellingSendsNoMessageAndMovesNoMoney()
    {
        var (outcome, plan) = WithdrawalReview.Cancel(App(WithdrawalStatus.Submitted));
        Assert.Equal(DecisionOutcome.Done, outcome);
        Assert.Equal((WithdrawalStatus.Cancelled, WithdrawalNotice.None, 0), (plan!.NewStatus, plan.Notice, plan.Postings.Count));
    }

    [Theory]
    [InlineData("", "请填写退回原因")]
    [InlineData("   ", "请填写退回原因")]
    [InlineData("x", null)]
    public void AReasonIsRequired(string reason, string? problem) => Assert.Equal(problem, WithdrawalReview.ReasonProblem(reason));

    [Fact]
    public void AReasonOver200CharactersIsTooLongNotMissing()
    {
        Assert.Null(WithdrawalReview.ReasonProblem(new string('退', 200)));
        Assert.Equal("退回原因不能超过200字", WithdrawalReview.ReasonProblem(new string('退', 201)));
    }
}
