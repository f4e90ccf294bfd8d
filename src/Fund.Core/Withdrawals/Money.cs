using System.Globalization;

namespace Fund.Core.Withdrawals;

/// <summary>Amounts as citizens type them: 元, more than 0, at most two decimals, no grouping, no sign.</summary>
public static class Money
{
    /// <summary>Nine digits before the point: far above any balance, well inside DECIMAL(18,2).</summary>
    private const int MaxIntegerDigits = 9;

    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        text = text?.Trim() ?? "";
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        if (whole.Length is 0 or > MaxIntegerDigits || !whole.All(char.IsAsciiDigit)) return false;
        if (point >= 0 && (fraction.Length is 0 or > 2 || !fraction.All(char.IsAsciiDigit))) return false;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>Why <paramref name="text"/> is not a usable amount, in Chinese, or null.</summary>
    public static string? Problem(string label, string? text) =>
        string.IsNullOrWhiteSpace(text) ? $"请填写{label}"
        : !TryParse(text, out var amount) ? $"{label}格式不正确：请填写数字金额（元），最多两位小数"
        : amount <= 0 ? $"{label}须大于0"
        : null;
}
