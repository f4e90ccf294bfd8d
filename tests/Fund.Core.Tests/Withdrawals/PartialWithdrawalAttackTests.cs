using Fund.Core.Withdrawals;

namespace Fund.Core.Tests.Withdrawals;

/// <summary>
/// Found by the attack on the cluster (attack-report.md #1): 同一购房合同（发票）只能提取一次 is defeated by typing the
/// paid contract's number with its hyphens moved, added or left out. The material goes through MaterialFields.Clean as
/// the page's handler does, then MaterialProblem against the paid withdrawal.
/// </summary>
public class PartialWithdrawalAttackTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData("XY20260815")]
    [InlineData("XY-2026-0815")]
    [InlineData("XY2026--0815")]
    [InlineData("-XY2026-0815")]
    public void APaidContractRetypedWithOtherHyphensIsStillThatContract(string retyped)
    {
        var decided = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
        var paid = new PastWithdrawal(
            new Withdrawal(1, "480000000002", WithdrawalType.HousePurchase, 5000m, WithdrawalStatus.Paid, decided.AddDays(-2), decided, null),
            new Dictionary<string, string> { ["contractNo"] = "XY2026-0815" });
        var (facts, problem) = MaterialFields.Clean(WithdrawalType.HousePurchase, new Dictionary<string, string?>
        {
            ["contractNo"] = retyped, ["purchasedOn"] = "2026-10-01", ["price"] = "680000", ["address"] = "浉河区",
        }, Today);
        Assert.Null(problem);
        var material = new WithdrawalMaterial(5, "480000000002", WithdrawalType.HousePurchase, facts, DateTimeOffset.UnixEpoch);

        var verdict = PartialWithdrawalRules.MaterialProblem(material, [paid], Today, new WithdrawalLimits());

        Assert.NotNull(verdict);
        Assert.Contains("同一购房合同（发票）只能提取一次", verdict);
    }
}
