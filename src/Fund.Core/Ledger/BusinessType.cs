namespace Fund.Core.Ledger;

/// <summary>
/// 业务类型 of a ledger entry. 01, 02, 09 and 12 are the JGJ/T 320 codes DESIGN.md names; the others are
/// this centre's codes for the remaining kinds the statement shows.
/// </summary>
public enum BusinessType
{
    Remittance = 1,          // 01 汇缴
    BackPayment = 2,         // 02 补缴
    TransferIn = 3,          // 03 转入
    TransferOut = 4,         // 04 转出
    PartialWithdrawal = 5,   // 05 部分提取
    YearEndInterest = 9,     // 09 年终结息
    ClosingInterest = 10,    // 10 销户结息: interest to the day of a 销户提取, posted just before it
    ClosingWithdrawal = 12,  // 12 销户提取
}

public static class BusinessTypeCodes
{
    public static string Code(this BusinessType type) => ((int)type).ToString("00");

    public static BusinessType FromCode(string code) =>
        int.TryParse(code, out var n) && Enum.IsDefined((BusinessType)n)
            ? (BusinessType)n
            : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown business type code");

    public static string DisplayName(this BusinessType type) => type switch
    {
        BusinessType.Remittance => "汇缴",
        BusinessType.BackPayment => "补缴",
        BusinessType.TransferIn => "转入",
        BusinessType.TransferOut => "转出",
        BusinessType.PartialWithdrawal => "部分提取",
        BusinessType.YearEndInterest => "年终结息",
        BusinessType.ClosingInterest => "销户结息",
        BusinessType.ClosingWithdrawal => "销户提取",
        _ => "其他",
    };
}
