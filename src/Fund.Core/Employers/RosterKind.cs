namespace Fund.Core.Employers;

/// <summary>The 清册 an employer submits: each is draft rows → validate → submit, as the guide describes.</summary>
public enum RosterKind
{
    Open = 1,        // 开户
    Seal = 2,        // 封存
    Unseal = 3,      // 启封
    BaseAdjust = 4,  // 基数调整
    TransferIn = 5,  // 职工转移（转入）
}

/// <summary>One column of a 清册 (and of its .xlsx template): the Chinese header and the field it fills.</summary>
public sealed record RosterColumn(string Header, RosterField Field);

public enum RosterField { Name, IdNumber, Phone, Grzh, Base, Date }

public static class RosterKinds
{
    public static readonly IReadOnlyList<RosterKind> All = Enum.GetValues<RosterKind>();

    public static string DisplayName(this RosterKind kind) => kind switch
    {
        RosterKind.Open => "开户",
        RosterKind.Seal => "封存",
        RosterKind.Unseal => "启封",
        RosterKind.BaseAdjust => "基数调整",
        RosterKind.TransferIn => "职工转入",
        _ => "其他",
    };

    /// <summary>The URL and code name: open, seal, unseal, base, transfer.</summary>
    public static string Slug(this RosterKind kind) => kind switch
    {
        RosterKind.Open => "open",
        RosterKind.Seal => "seal",
        RosterKind.Unseal => "unseal",
        RosterKind.BaseAdjust => "base",
        _ => "transfer",
    };

    public static RosterKind? FromSlug(string? slug) => All.Cast<RosterKind?>().FirstOrDefault(k => k!.Value.Slug() == slug);

    public static IReadOnlyList<RosterColumn> Columns(this RosterKind kind) => kind switch
    {
        RosterKind.Open =>
        [
            new("姓名", RosterField.Name), new("身份证号", RosterField.IdNumber), new("手机号码", RosterField.Phone),
            new("缴存基数", RosterField.Base),
        ],
        RosterKind.Seal => [new("个人账号", RosterField.Grzh), new("姓名", RosterField.Name), new("封存日期", RosterField.Date)],
        RosterKind.Unseal => [new("个人账号", RosterField.Grzh), new("姓名", RosterField.Name)],
        RosterKind.BaseAdjust => [new("个人账号", RosterField.Grzh), new("姓名", RosterField.Name), new("调整后缴存基数", RosterField.Base)],
        _ => [new("姓名", RosterField.Name), new("身份证号", RosterField.IdNumber), new("缴存基数", RosterField.Base)],
    };

    /// <summary>
    /// Columns of long digit strings: typed into a General cell a spreadsheet stores them as numbers (an ID number
    /// keeps 15 significant digits), so the template formats them as text and a number cell there is refused.
    /// </summary>
    public static bool MustBeText(this RosterField field) => field is RosterField.IdNumber or RosterField.Phone or RosterField.Grzh;

    /// <summary>Whether rows name the person by ID number (开户, 转入) rather than by 个人账号.</summary>
    public static bool ByIdNumber(this RosterKind kind) => kind is RosterKind.Open or RosterKind.TransferIn;
}
