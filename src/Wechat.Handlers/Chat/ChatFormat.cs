using Fund.Core;
using System.Globalization;

namespace Wechat.Handlers.Chat;

/// <summary>How money, rates and times read in chat: the way the fund centre prints them on paper.</summary>
internal static class ChatFormat
{
    /// <summary>¥12,345.67</summary>
    public static string Money(decimal amount) => "¥" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage: 0.026 → 2.60%.</summary>
    public static string Rate(decimal fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string BeijingTime(DateTimeOffset at) =>
        CentreClock.Local(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
