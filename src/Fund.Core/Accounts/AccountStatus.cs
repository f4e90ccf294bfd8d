namespace Fund.Core.Accounts;

/// <summary>个人账户状态, coded as JGJ/T 320 codes them.</summary>
public enum AccountStatus
{
    Normal = 1,   // 01 正常
    Sealed = 2,   // 02 封存
    Closed = 5,   // 05 提取销户
    Frozen = 6,   // 06 冻结
}

public static class AccountStatusCodes
{
    public static string Code(this AccountStatus status) => ((int)status).ToString("00");

    public static string DisplayName(this AccountStatus status) => status switch
    {
        AccountStatus.Normal => "正常",
        AccountStatus.Sealed => "封存",
        AccountStatus.Closed => "提取销户",
        AccountStatus.Frozen => "冻结",
        _ => "未知",
    };

    public static AccountStatus FromCode(string code) => code switch
    {
        "01" => AccountStatus.Normal,
        "02" => AccountStatus.Sealed,
        "05" => AccountStatus.Closed,
        "06" => AccountStatus.Frozen,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown account status code"),
    };
}
