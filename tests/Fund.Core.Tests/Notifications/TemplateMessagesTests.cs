using Fund.Core.Notifications;

namespace Fund.Core.Tests.Notifications;

/// <summary>Issue #13.14: WeChat shows only keyword fields now, each one line of at most 20 characters.</summary>
public sealed class TemplateMessagesTests
{
    private static readonly DateOnly Day = new(2026, 12, 2);

    public static TheoryData<string, IReadOnlyDictionary<string, string>> EveryMessage => new()
    {
        { "approved", TemplateMessages.WithdrawalApproved("与单位终止劳动关系", 224105m, "0128", Day) },
        { "rejected", TemplateMessages.WithdrawalRejected("离退休", new string('缺', 300) + "\n第二行", Day) },
        { "paid", TemplateMessages.WithdrawalPaid("出境定居", 1234567.8m, "9876", Day) },
        { "received", TemplateMessages.ContributionReceived("2026年11月补缴", 1440m, 11440m) },
        { "loan", TemplateMessages.LoanProgress("XYGJJ2026110001", "放款", DateTimeOffset.Parse("2026-12-01T02:30:00Z"), "请于三个工作日内到银行签署借款合同并办理抵押登记手续") },
    };

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void OnlyKeywordFieldsOfOneShortLineAreSent(string name, IReadOnlyDictionary<string, string> data)
    {
        Assert.NotEmpty(name);
        Assert.DoesNotContain("first", data.Keys);
        Assert.DoesNotContain("remark", data.Keys);
        Assert.All(data.Keys, k => Assert.Matches("^keyword[1-5]$", k));
        Assert.All(data.Values, v =>
        {
            Assert.InRange(v.Length, 1, TemplateMessages.MaxFieldLength);
            Assert.DoesNotContain('\n', v);
        });
    }

    [Fact]
    public void TheContributionNoticeCarriesWhatWasRemittedTheAmountAndTheBalanceWithoutCommas()
    {
        var data = TemplateMessages.ContributionReceived("2026年11月补缴", 1440m, 11440m);

        Assert.Equal(new Dictionary<string, string> { ["keyword1"] = "2026年11月补缴", ["keyword2"] = "1440.00元", ["keyword3"] = "11440.00元" }, data);
    }

    [Fact]
    public void ApprovalCarriesTheAmountWithoutCommasTheCardTailAndTheDate()
    {
        var data = TemplateMessages.WithdrawalApproved("与单位终止劳动关系", 224105m, "0128", Day);

        Assert.Equal("与单位终止劳动关系", data["keyword1"]);
        Assert.Equal("224105.00元", data["keyword2"]);
        Assert.Equal("尾号0128的银行卡", data["keyword3"]);
        Assert.Equal("2026-12-02", data["keyword5"]);
    }

    [Fact]
    public void PaymentNamesTheCardTail()
    {
        var data = TemplateMessages.WithdrawalPaid("出境定居", 1234567.8m, "9876", Day);

        Assert.Equal("1234567.80元", data["keyword2"]);
        Assert.Contains("9876", data["keyword3"]);
    }

    [Fact]
    public void ALongReasonIsCutWithAnEllipsisNotDropped()
    {
        var data = TemplateMessages.WithdrawalRejected("离退休", "退休证照片模糊，无法辨认姓名和退休日期，请重新拍摄上传", Day);

        Assert.Equal(20, data["keyword3"].Length);
        Assert.StartsWith("退休证照片模糊", data["keyword3"]);
        Assert.EndsWith("…", data["keyword3"]);
    }

    [Fact]
    public void LoanStageWithoutANoteHasThreeFieldsInBeijingTime()
    {
        var data = TemplateMessages.LoanProgress("XYGJJ2026110001", "审批通过", DateTimeOffset.Parse("2026-12-01T16:30:00Z"), null);

        Assert.Equal(3, data.Count);
        Assert.Equal("2026-12-02 00:30", data["keyword3"]);
    }
}
