using System.Globalization;
using Fund.Core.Loans;

namespace Wechat.Host.Tools;

/// <summary>
/// The calculator's query string as the citizen typed it: amount in yuan, months, rate in percent,
/// method=annuity|principal, home=first|second. Everything stays text until Parse, so bad input is echoed back
/// into the form with a message instead of failing model binding.
/// </summary>
public sealed record CalculatorQuery(string? Amount, string? Months, string? Rate, string? Method, string? Home)
{
    public const int DefaultMonths = 360;

    public bool IsEmpty => string.IsNullOrWhiteSpace(Amount) && string.IsNullOrWhiteSpace(Months) && string.IsNullOrWhiteSpace(Rate);

    public HomeKind HomeKind => string.Equals(Home, "second", StringComparison.OrdinalIgnoreCase) ? HomeKind.Second : HomeKind.First;

    public RepaymentMethod? MethodKind => Method?.Trim().ToLowerInvariant() switch
    {
        null or "" or "annuity" => RepaymentMethod.EqualInstalment,
        "principal" => RepaymentMethod.EqualPrincipal,
        _ => null,
    };

    /// <summary>The months the form should show selected: what was asked if it is a number, else 30 years.</summary>
    public int MonthsOrDefault => int.TryParse(Months, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : DefaultMonths;

    /// <summary>
    /// Terms from the query, or the messages for the form. A blank rate takes <paramref name="defaultRate"/> (the
    /// current table's rate for the home and term); the calculator itself checks the ranges.
    /// </summary>
    public (LoanTerms? Terms, IReadOnlyList<string> Errors) Parse(decimal? defaultRate)
    {
        var errors = new List<string>();
        if (!TryDecimal(Amount, out var amount)) errors.Add("请输入贷款金额（元），例如 500000。");
        if (!int.TryParse(Months?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months))
            errors.Add("请选择或输入贷款期限（月数）。");

        decimal rate = 0;
        if (string.IsNullOrWhiteSpace(Rate))
        {
            if (defaultRate is { } d) rate = d;
            else errors.Add("请输入年利率（%）。");
        }
        else if (TryDecimal(Rate, out var percent)) rate = percent / 100;
        else errors.Add("年利率格式不正确，请输入百分数，例如 2.6。");

        if (MethodKind is not { } method)
        {
            errors.Add("请选择还款方式：等额本息或等额本金。");
            method = RepaymentMethod.EqualInstalment;
        }
        return errors.Count > 0 ? (null, errors) : (new LoanTerms(amount, months, rate, method), errors);
    }

    /// <summary>Accepts "1,000,000" (also with a full-width comma) and a sign; refuses exponents and other cultures' separators.</summary>
    private static bool TryDecimal(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim().Replace("，", ",", StringComparison.Ordinal),
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands,
            CultureInfo.InvariantCulture, out value);
}
