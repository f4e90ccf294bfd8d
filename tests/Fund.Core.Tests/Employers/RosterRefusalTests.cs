using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Validation;

namespace Fund.Core.Tests.Employers;

/// <summary>What an HR clerk's 清册 must not get through: the template's example, a second 基数调整, bad names, retirees, numbers typed as numbers.</summary>
public class RosterRefusalTests
{
    private const string Ours = "411501000001";
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly RosterCheck Check = new(new ContributionBaseRules(2000m, 25000m, AmountRounding.Fen));

    private static string Id(string first17) => first17 + IdNumber.CheckCharacter(first17);

    private static RowVerdict One(RosterKind kind, RosterRow row, IReadOnlyDictionary<string, KnownPerson>? known = null, int? baseAdjustedYear = null) =>
        Check.Check(kind, Ours, [row], known ?? new Dictionary<string, KnownPerson>(), Today, baseAdjustedYear)[0];

    [Fact]
    public void TheTemplatesExampleRowIsRefusedEvenWhenEveryCellIsValid()
    {
        var example = RosterRow.From(2, RosterExample.Value);
        Assert.True(IdNumber.IsValid(example.IdNumber));
        var v = One(RosterKind.Open, example);
        Assert.Equal([RosterExample.Problem], v.Problems);
        // The example's ID number under another name is still the example.
        Assert.Contains(RosterExample.Problem, One(RosterKind.TransferIn, example with { Name = "李四" }).Problems);
    }

    [Fact]
    public void TheExampleAccountNumberIsRefusedForTheKindsThatNameAnAccount()
    {
        var known = new Dictionary<string, KnownPerson>
        {
            [RosterExample.Value(RosterField.Grzh)] = new(RosterExample.Value(RosterField.Grzh), "张三", Ours, AccountStatus.Normal),
        };
        var row = RosterRow.From(2, RosterExample.Value);
        Assert.Contains(RosterExample.Problem, One(RosterKind.Unseal, row, known).Problems);
    }

    [Fact]
    public void ASecondBaseAdjustmentInAYearFailsAtValidation()
    {
        var known = new Dictionary<string, KnownPerson> { ["411500000101"] = new("411500000101", "甲乙", Ours, AccountStatus.Normal) };
        var row = new RosterRow(1, "甲乙", Grzh: "411500000101", Base: "6000");
        Assert.True(One(RosterKind.BaseAdjust, row, known, baseAdjustedYear: 2025).Passes);
        Assert.Equal(["本单位2026年度已办理基数调整，每年只能办理一次"], One(RosterKind.BaseAdjust, row, known, baseAdjustedYear: 2026).Problems);
        // Other kinds do not care when the bases were last adjusted.
        Assert.True(One(RosterKind.Unseal, new RosterRow(1, "甲乙", Grzh: "411500000101"),
            new Dictionary<string, KnownPerson> { ["411500000101"] = new("411500000101", "甲乙", Ours, AccountStatus.Sealed) }, 2026).Passes);
    }

    [Theory]
    [InlineData("李<b>明</b>😀")]
    [InlineData("李明😀")]
    [InlineData("李 明")]
    [InlineData("李明1")]
    [InlineData("·买买提")]
    [InlineData("买买提··艾力")]
    [InlineData("李")]
    [InlineData("Zhang San")]     // pinyin is not the name on a citizen's card; a foreign name is in capitals
    [InlineData("买买提•艾力")]   // a bullet, not the middle dot
    [InlineData("李MING")]
    public void ANameAnIdCardCannotHoldIsRefused(string name)
    {
        var v = One(RosterKind.Open, new RosterRow(1, name, Id("41150219900101123"), "13900000001", Base: "6000"));
        Assert.Single(v.Problems);
        Assert.StartsWith("姓名", v.Problems[0]);
    }

    [Theory]
    [InlineData("李明")]
    [InlineData("买买提·艾力")]
    [InlineData("阿卜杜热合曼·买买提·艾力")]
    [InlineData("王𠮷")]          // a rare character outside the basic block (CJK Extension B, a surrogate pair)
    [InlineData("陈㐀")]          // CJK Extension A
    [InlineData("王〇")]
    [InlineData("JOHN SMITH")]    // 外国人永久居留身份证: the name in capital Latin letters
    [InlineData("MARIA JOSE GARCIA")]
    public void NamesAsIdCardsWriteThemPass(string name) =>
        Assert.True(One(RosterKind.Open, new RosterRow(1, name, Id("41150219900101123"), "13900000001", Base: "6000")).Passes, name);

    [Fact]
    public void ALongNameIsRefusedWithTheBound()
    {
        Assert.True(PersonName.Problem(new string('赵', PersonName.MaxLength)) is null);
        Assert.Equal($"姓名不得超过{PersonName.MaxLength}个字", PersonName.Problem(new string('赵', PersonName.MaxLength + 1)));
        // A rare character is one character, not two UTF-16 units.
        Assert.Null(PersonName.Problem(string.Concat(Enumerable.Repeat("𠮷", PersonName.MaxLength))));
    }

    [Theory]
    [InlineData(RosterKind.Open)]
    [InlineData(RosterKind.TransferIn)]
    public void APersonPastStatutoryRetirementAgeIsRefused(RosterKind kind)
    {
        // A man born 1960-03 reached 60 in 2020-03; a woman born 1960 reached 55 (the later women's schedule) in 2015.
        var man = Id("41150219600301101");
        var woman = Id("41150219600301102");
        var known = new Dictionary<string, KnownPerson>
        {
            [man] = new("411500000101", "老甲", "411501000002", AccountStatus.Sealed),
            [woman] = new("411500000102", "老乙", "411501000002", AccountStatus.Sealed),
        };
        Assert.Equal([$"该职工已于2020年3月1日达到法定退休年龄（60岁），不能办理{kind.DisplayName()}"],
            One(kind, new RosterRow(1, "老甲", man, "13900000001", Base: "6000"), known).Problems);
        Assert.Equal([$"该职工已于2015年3月1日达到法定退休年龄（55岁），不能办理{kind.DisplayName()}"],
            One(kind, new RosterRow(1, "老乙", woman, "13900000001", Base: "6000"), known).Problems);
    }

    [Fact]
    public void APersonBelowTheGraduallyRaisedAgePasses()
    {
        // Under the 2025 reform a man born 1966-05 retires at 60 years 5 months (2026-10-01), one born 1966-09 at 60y6m (2027-03-01).
        var young = Id("41150219660901101");
        Assert.True(One(RosterKind.Open, new RosterRow(1, "中年", young, "13900000001", Base: "6000")).Passes);
        var justPast = Id("41150219660501101");
        Assert.Equal(["该职工已于2026年10月1日达到法定退休年龄（60岁5个月），不能办理开户"],
            One(RosterKind.Open, new RosterRow(1, "中年", justPast, "13900000001", Base: "6000")).Problems);
    }

    [Theory]
    [InlineData(RosterKind.Open, RosterField.IdNumber, "身份证号请以文本格式填写")]
    [InlineData(RosterKind.Open, RosterField.Phone, "手机号码请以文本格式填写")]
    [InlineData(RosterKind.Seal, RosterField.Grzh, "个人账号请以文本格式填写")]
    public void ANumberCellInATextColumnIsRefusedAskingForText(RosterKind kind, RosterField field, string start)
    {
        var row = new RosterRow(2, "甲乙", Id("41150219900101123"), "13900000001", "411500000101", "6000", "2026-12-01", [field]);
        var known = new Dictionary<string, KnownPerson> { ["411500000101"] = new("411500000101", "甲乙", Ours, AccountStatus.Normal) };
        var v = One(kind, row, known);
        Assert.Single(v.Problems);
        Assert.StartsWith(start, v.Problems[0]);
    }

    [Fact]
    public void AnIdNumberThatLostItsDigitsIsReportedAsANumberCellNotAsACheckDigit()
    {
        // 4.11502199001011E+17 read back as digits: the last three are gone.
        var row = new RosterRow(2, "甲乙", "411502199001011000", "13900000001", Base: "6000", NumberCells: [RosterField.IdNumber]);
        var v = One(RosterKind.Open, row);
        Assert.Equal(["身份证号请以文本格式填写（该单元格是数字，长号码的末几位会丢失），请将该列设为文本后重新填写"], v.Problems);
    }
}
