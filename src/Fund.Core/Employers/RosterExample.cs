namespace Fund.Core.Employers;

/// <summary>
/// The example each template shows on its 填写说明 sheet. The example is a made-up person: a row equal to it (its ID
/// number or its 个人账号) is refused, so a clerk who fills the rows below a copied example never opens 张三 for real.
/// </summary>
public static class RosterExample
{
    public const string Problem = "该行是模板中的填写示例，请删除后再提交";

    public static string Value(RosterField field) => field switch
    {
        RosterField.Name => "张三",
        RosterField.IdNumber => "411502199001010015",
        RosterField.Phone => "13800000000",
        RosterField.Grzh => "411500000000",
        RosterField.Base => "6000.00",
        _ => "2026-11-30",
    };

    /// <summary>Whether the row names the example's person: its ID number (开户, 转入) or its 个人账号 (the others).</summary>
    public static bool IsExample(RosterKind kind, RosterRow row) =>
        kind.ByIdNumber() ? row.IdNumber == Value(RosterField.IdNumber) : row.Grzh == Value(RosterField.Grzh);
}
