namespace Fund.Core.Validation;

public enum BankCardVerdict
{
    Valid,
    /// <summary>Accepted: some issuers' numbers fail Luhn, so the citizen is asked to check, not refused.</summary>
    LuhnWarning,
    Invalid,
}

/// <summary>A UnionPay debit card number: 62 prefix, 16–19 digits.</summary>
public static class BankCardNumber
{
    /// <summary>Drops the spaces people type between groups of four.</summary>
    public static string Normalize(string value) => value.Replace(" ", "", StringComparison.Ordinal).Trim();

    public static BankCardVerdict Check(string? value)
    {
        if (value is null) return BankCardVerdict.Invalid;
        var v = Normalize(value);
        if (v.Length is < 16 or > 19 || !v.StartsWith("62", StringComparison.Ordinal)) return BankCardVerdict.Invalid;
        foreach (var c in v) if (!char.IsAsciiDigit(c)) return BankCardVerdict.Invalid;
        return PassesLuhn(v) ? BankCardVerdict.Valid : BankCardVerdict.LuhnWarning;
    }

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
