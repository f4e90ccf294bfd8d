namespace Fund.Data.Seed;

/// <summary>
/// The documented demo set (README lists it). All people, numbers and employers are fictitious; ID numbers are
/// made from a birth date and carry a correct GB 11643 check character.
/// </summary>
public static class DemoCitizens
{
    public const string Password = "Fund@2026";
    public const string SecurityQuestion = "您小学班主任的姓氏？";
    public const string SecurityAnswer = "王";

    public sealed record Employer(string Dwzh, string Name, string CreditCode, decimal Rate);

    public sealed record Citizen(
        int Number, string Grzh, string Name, string IdFirst17, string Phone, string Dwzh,
        decimal ContributionBase, decimal Rate, DateOnly OpenedOn, DateOnly PaidUpTo, DateOnly? SealedOn,
        bool Registered, string Story)
    {
        public string OpenId => $"demo-openid-{Number}";
        public string IdNumber => IdFirst17 + Fund.Core.Validation.IdNumber.CheckCharacter(IdFirst17);
    }

    public static readonly IReadOnlyList<Employer> Employers =
    [
        new("411501000001", "信阳市示范科技有限公司", "91411500MA40000011", 0.12m),
        new("411501000002", "信阳市示范商贸有限公司", "91411500MA40000022", 0.10m),
        new("411501000003", "信阳市示范实验中学", "12411500MB40000033", 0.12m),
    ];

    public static readonly IReadOnlyList<Citizen> All =
    [
        new(1, "411500000001", "张伟", "41150219880315101", "13803760001", "411501000001", 6000m, 0.12m,
            new(2016, 1, 1), new(2026, 10, 1), null, true, "正常缴存十年以上，有一笔租房提取记录"),
        new(2, "411500000002", "李娜", "41150219900721102", "13803760002", "411501000002", 8000m, 0.10m,
            new(2018, 5, 1), new(2026, 10, 1), null, true, "公积金贷款审批中（可查贷款进度）"),
        new(3, "411500000003", "王强", "41150219851102103", "13803760003", "411501000003", 9000m, 0.12m,
            new(2014, 3, 1), new(2026, 10, 1), null, true, "公积金贷款还款中"),
        new(4, "411500000004", "刘洋", "41150219920109104", "13803760004", "411501000002", 5000m, 0.10m,
            new(2017, 9, 1), new(2025, 11, 1), new(2025, 12, 1), true, "已离职，账户封存超过六个月（可办理终止劳动关系提取）"),
        new(5, "411500000005", "陈建国", "41150219620418105", "13803760005", "411501000003", 7000m, 0.12m,
            new(2012, 1, 1), new(2022, 4, 1), new(2022, 5, 1), true, "已达退休年龄（可办理离退休提取）"),
        new(6, "411500000006", "赵敏", "41150219950930106", "13803760006", "411501000001", 5500m, 0.12m,
            new(2020, 7, 1), new(2026, 10, 1), null, false, "未注册网厅、未绑定微信（用于演示注册）"),
    ];
}
