using Fund.Core.Accounts;
using Fund.Core.Withdrawals;

namespace Fund.Core.Tests.Withdrawals;

public class MaterialAndDocumentRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static string? Problem(WithdrawalType type, params (string Key, string? Value)[] facts) =>
        MaterialFields.Clean(type, facts.ToDictionary(f => f.Key, f => f.Value), Today).Problem;

    [Fact]
    public void RetirementWithoutADateIsRefused()
    {
        Assert.Equal("请填写退休日期", Problem(WithdrawalType.Retirement, ("retiredOn", "")));
        Assert.Equal("请填写退休日期", Problem(WithdrawalType.Retirement));
        Assert.Null(Problem(WithdrawalType.Retirement, ("retiredOn", "2026-01-31")));
    }

    [Fact]
    public void ADayInTheFutureIsRefusedAndTodayIsAccepted()
    {
        Assert.Equal("出境定居日期不能晚于今天", Problem(WithdrawalType.SettledAbroad, ("country", "新西兰"), ("settledOn", "2026-12-03")));
        Assert.Null(Problem(WithdrawalType.SettledAbroad, ("country", "新西兰"), ("settledOn", "2026-12-02")));
        Assert.Equal("解除劳动关系日期不能晚于今天", Problem(WithdrawalType.EmploymentEnded, ("leftOn", "2027-01-01"), ("formerEmployer", "某单位")));
        Assert.Equal("退休日期不能晚于今天", Problem(WithdrawalType.Retirement, ("retiredOn", "2026-12-03")));
    }

    [Fact]
    public void AnImplausiblyOldDateIsRefused() =>
        Assert.Equal("退休日期有误，请核对", Problem(WithdrawalType.Retirement, ("retiredOn", "1949-12-31")));

    [Fact]
    public void UploadsStopAtTheCapPerKind()
    {
        Assert.Null(DocumentRules.UploadProblem(WithdrawalType.EmploymentEnded, DocumentKind.IdCardFront, AccountStatus.Sealed, false, DocumentRules.MaxFilesPerKind - 1));
        Assert.Contains("最多上传3个", DocumentRules.UploadProblem(WithdrawalType.EmploymentEnded, DocumentKind.IdCardFront, AccountStatus.Sealed, false, DocumentRules.MaxFilesPerKind));
    }

    [Fact]
    public void NothingChangesWhileAnApplicationIsOpenOrAfterTheAccountIsClosed()
    {
        Assert.Contains("申请已提交", DocumentRules.UploadProblem(WithdrawalType.EmploymentEnded, DocumentKind.IdCardFront, AccountStatus.Sealed, true, 0));
        Assert.Contains("已提取销户", DocumentRules.ChangeProblem(AccountStatus.Closed, false));
        Assert.Null(DocumentRules.ChangeProblem(AccountStatus.Sealed, false));
    }

    [Fact]
    public void AKindTheTypeDoesNotOfferIsRefused() =>
        Assert.Equal("请选择材料类型", DocumentRules.UploadProblem(WithdrawalType.SettledAbroad, DocumentKind.TerminationProof, AccountStatus.Sealed, false, 0));
}
