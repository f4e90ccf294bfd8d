using System.Globalization;
using System.Text;

namespace Fund.Core.Ledger;

/// <summary>How a statement's amounts read, on screen, on paper and in the downloaded file.</summary>
public static class StatementText
{
    /// <summary>+1,234.00 for money in, -1,234.00 for money out, and 0.00 for nothing (never "-0.00").</summary>
    public static string Signed(decimal amount) => amount switch
    {
        > 0 => "+" + amount.ToString("N2", CultureInfo.InvariantCulture),
        < 0 => "-" + (-amount).ToString("N2", CultureInfo.InvariantCulture),
        _ => 0m.ToString("N2", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// An entry's line on the statement: its business type, and for a withdrawal what it was for (部分提取（租房提取）),
    /// so two withdrawals of a year read apart. A memo that already names the type (销户提取（…）) is the line itself.
    /// </summary>
    public static string Title(LedgerEntry e)
    {
        var type = e.Type.DisplayName();
        var memo = e.Memo.Trim();
        if (memo.Length == 0 || memo == type) return type;
        if (memo.StartsWith(type, StringComparison.Ordinal)) return memo;
        return e.Type is BusinessType.PartialWithdrawal or BusinessType.ClosingWithdrawal ? $"{type}（{memo}）" : type;
    }

    /// <summary>
    /// The year's 明细账 as CSV (UTF-8 with a byte order mark, so spreadsheet programs read the Chinese): a heading
    /// block naming the account and the totals, then one row per entry.
    /// </summary>
    public static byte[] Csv(Statement s, string name, string grzh, DateOnly printedOn)
    {
        var csv = new StringBuilder();
        Row(csv, "信阳市住房公积金个人明细账");
        Row(csv, "姓名", name, "个人账号", grzh, "年度", s.Year.ToString(CultureInfo.InvariantCulture));
        Row(csv, "年初余额", Plain(s.OpeningBalance), "本年收入", Plain(s.TotalIn), "本年支出", Plain(s.TotalOut), "期末余额", Plain(s.ClosingBalance));
        Row(csv, "打印日期", printedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Row(csv);
        Row(csv, "日期", "业务类型", "摘要", "发生额", "余额");
        foreach (var e in s.Entries)
            Row(csv, e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Type.DisplayName(), e.Memo, Plain(e.Amount), Plain(e.BalanceAfter));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Plain(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, params string[] cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }

    /// <summary>
    /// Quoted when it holds a comma, quote or line break; text that a spreadsheet would run as a formula
    /// (=, +, @, tab …) is prefixed with an apostrophe. Amounts are written by us and stay numbers.
    /// </summary>
    private static string Cell(string value)
    {
        var isNumber = decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
        if (!isNumber && value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
