namespace Fund.Core.Validation;

/// <summary>Resident ID number per GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character.</summary>
public static class IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("Need 17 digits", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = first17[i] - '0';
            if (d is < 0 or > 9) throw new ArgumentException("Need 17 digits", nameof(first17));
            sum += d * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>Upper-cases a trailing x and trims; does not validate.</summary>
    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    public static bool IsValid(string? value)
    {
        if (value is null) return false;
        var v = Normalize(value);
        if (v.Length != 18) return false;
        for (var i = 0; i < 17; i++) if (!char.IsAsciiDigit(v[i])) return false;
        return BirthDate(v) is not null && CheckCharacter(v.AsSpan(0, 17)) == v[17];
    }

    /// <summary>The birth date digits 7–14 encode, or null when they are no date.</summary>
    public static DateOnly? BirthDate(string value)
    {
        if (value.Length < 14) return null;
        return DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", out var d) ? d : null;
    }

    /// <summary>The 17th digit: odd for men, even for women.</summary>
    public static bool IsMale(string value) => (value[16] - '0') % 2 == 1;

    /// <summary>Explains in Chinese what is wrong, or null when the number is valid.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "请输入身份证号码";
        var v = Normalize(value);
        if (v.Length != 18) return "身份证号码应为18位";
        for (var i = 0; i < 17; i++) if (!char.IsAsciiDigit(v[i])) return "身份证号码前17位应为数字";
        if (BirthDate(v) is null) return "身份证号码中的出生日期无效";
        return CheckCharacter(v.AsSpan(0, 17)) == v[17] ? null : "身份证号码校验位不正确，请核对";
    }
}
