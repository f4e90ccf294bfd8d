using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Validation;

namespace Fund.Core.Tests.Employers;

public class RosterCheckTests
{
    private const string Ours = "411501000001";
    private const string Theirs = "411501000002";
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly RosterCheck Check = new(new ContributionBaseRules(2000m, 25000m, AmountRounding.Fen));
    private static readonly string Id1 = Id("41150219900101123");
    private static readonly string Id2 = Id("41150219910202124");

    private static string Id(string first17) => first17 + IdNumber.CheckCharacter(first17);

    private static IReadOnlyList<RowVerdict> Run(RosterKind kind, IReadOnlyDictionary<string, KnownPerson>? known, params RosterRow[] rows) =>
        Check.Check(kind, Ours, rows, known ?? new Dictionary<string, KnownPerson>(), Today);

    [Fact]
    public void ANewPersonWithGoodCellsPassesAsANewAccount()
    {
        var v = Assert.Single(Run(RosterKind.Open, null, new RosterRow(2, "新员工", Id1, "13900000001", Base: "6000")));
        Assert.True(v.Passes);
        Assert.Null(v.ExistingGrzh);
    }

    [Fact]
    public void EveryBadCellIsReportedWithItsReason()
    {
        var wrongCheck = Id1[..17] + (Id1[17] == '0' ? '1' : '0');
        var v = Run(RosterKind.Open, null, new RosterRow(3, "", wrongCheck, "1390000", Base: "1500"))[0];
        Assert.Equal(3, v.RowNo);
        Assert.Equal(["请填写姓名", "身份证号码校验位不正确，请核对", "手机号码应为11位手机号", "缴存基数不得低于本市下限2000.00元"], v.Problems);
    }

    [Fact]
    public void APersonSealedElsewhereIsReattachedAndOneActiveElsewhereIsRefused()
    {
        var known = new Dictionary<string, KnownPerson>
        {
            [Id1] = new("411500000101", "张甲", Theirs, AccountStatus.Sealed),
            [Id2] = new("411500000102", "李乙", Theirs, AccountStatus.Normal),
        };
        var v = Run(RosterKind.Open, known,
            new RosterRow(2, "张甲", Id1, "13900000001", Base: "6000"), new RosterRow(3, "李乙", Id2, "13900000002", Base: "6000"));
        Assert.True(v[0].Passes);
        Assert.Equal("411500000101", v[0].ExistingGrzh);
        Assert.Equal(["该职工在其他单位正常缴存，须原单位封存后办理"], v[1].Problems);
    }

    [Fact]
    public void TheNameMustMatchTheAccountOnFile()
    {
        var known = new Dictionary<string, KnownPerson> { [Id1] = new("411500000101", "张甲", Theirs, AccountStatus.Sealed) };
        Assert.Equal(["姓名与该身份证号在本中心的账户不一致"],
            Run(RosterKind.TransferIn, known, new RosterRow(2, "李乙", Id1, Base: "6000"))[0].Problems);
    }

    [Fact]
    public void ADuplicateRowNamesTheFirst()
    {
        var v = Run(RosterKind.Open, null,
            new RosterRow(2, "张甲", Id1, "13900000001", Base: "6000"), new RosterRow(5, "张甲", Id1, "13900000001", Base: "6000"));
        Assert.True(v[0].Passes);
        Assert.Equal(["与第2行重复"], v[1].Problems);
    }

    [Fact]
    public void TransferInNeedsTheOldEmployerToHaveSealed()
    {
        var known = new Dictionary<string, KnownPerson>
        {
            [Id1] = new("411500000101", "张甲", Theirs, AccountStatus.Normal),
            [Id2] = new("411500000102", "李乙", Theirs, AccountStatus.Sealed),
        };
        var v = Run(RosterKind.TransferIn, known, new RosterRow(2, "张甲", Id1, Base: "6000"), new RosterRow(3, "李乙", Id2, Base: "6000"));
        Assert.Equal(["该职工的个人账户状态为正常，须原单位封存后才能转入"], v[0].Problems);
        Assert.True(v[1].Passes);
        Assert.Equal(["本中心无该职工的个人账户，请办理开户"],
            Run(RosterKind.TransferIn, null, new RosterRow(2, "王丙", Id1, Base: "6000"))[0].Problems);
    }

    [Theory]
    [InlineData("2026-12-02", null)]
    [InlineData("2026-12-03", "封存日期不能晚于今天")]
    [InlineData("2025-12-02", null)]
    [InlineData("2025-12-01", "封存日期不能早于一年前，请到柜台办理")]
    [InlineData("12/02", "封存日期格式应为2026-11-30")]
    public void TheSealDateIsNotInTheFutureNorLongPast(string date, string? problem)
    {
        var known = new Dictionary<string, KnownPerson> { ["411500000101"] = new("411500000101", "张甲", Ours, AccountStatus.Normal) };
        var v = Run(RosterKind.Seal, known, new RosterRow(2, "张甲", Grzh: "411500000101", Date: date))[0];
        Assert.Equal(problem is null ? [] : [problem], v.Problems);
    }

    [Fact]
    public void SealUnsealAndBaseAdjustActOnlyOnThisEmployersAccountsInTheRightState()
    {
        var known = new Dictionary<string, KnownPerson>
        {
            ["411500000101"] = new("411500000101", "张甲", Ours, AccountStatus.Sealed),
            ["411500000102"] = new("411500000102", "李乙", Theirs, AccountStatus.Normal),
        };
        Assert.Equal(["该职工的个人账户状态为封存，不能封存"],
            Run(RosterKind.Seal, known, new RosterRow(2, "张甲", Grzh: "411500000101", Date: "2026-12-01"))[0].Problems);
        Assert.True(Run(RosterKind.Unseal, known, new RosterRow(2, "张甲", Grzh: "411500000101"))[0].Passes);
        Assert.Equal(["本单位无此个人账号"], Run(RosterKind.Unseal, known, new RosterRow(2, "李乙", Grzh: "411500000102"))[0].Problems);
        Assert.Equal(["本单位无此个人账号"], Run(RosterKind.BaseAdjust, known, new RosterRow(2, "王丙", Grzh: "411500000199", Base: "6000"))[0].Problems);
        Assert.Equal(["个人账号应为12位数字"], Run(RosterKind.Unseal, known, new RosterRow(2, "张甲", Grzh: "4115"))[0].Problems);
    }

    [Fact]
    public void BaseAdjustmentIsOnceAYear()
    {
        Assert.Equal("本单位2026年度已办理基数调整，每年只能办理一次", BaseAdjustment.Problem(2026, Today));
        Assert.Null(BaseAdjustment.Problem(2025, Today));
        Assert.Null(BaseAdjustment.Problem(null, Today));
    }

    [Fact]
    public void AmountsWithThousandsSeparatorsParse() => Assert.Equal(12345.6m, RosterCheck.ParseBase("12,345.60"));
}
