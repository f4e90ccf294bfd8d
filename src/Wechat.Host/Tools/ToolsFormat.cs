using System.Globalization;

namespace Wechat.Host.Tools;

/// <summary>
/// How the tools pages write money and rates. Invariant culture on purpose: the server's culture must not turn
/// 4,270.16 into 4 270,16, and Chinese readers expect the comma-grouped form.
/// </summary>
public static class ToolsFormat
{
    public static string Yuan(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>0.026 → "2.60%", 0.02525 → "2.525%": two decimals at least, three where the rate has them.</summary>
    public static string Percent(decimal fraction) => (fraction * 100).ToString("0.00#", CultureInfo.InvariantCulture) + "%";

    /// <summary>The number alone, as the calculator's rate field and query string take it: 0.026 → "2.60".</summary>
    public static string PercentNumber(decimal fraction) => (fraction * 100).ToString("0.00#", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
