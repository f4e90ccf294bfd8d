namespace Fund.Core.Security;

/// <summary>
/// The one password policy for citizens and counter staff: 8–64 printable ASCII characters (no Chinese, no spaces)
/// with letters and digits, not one of the ~10,000 common passwords (compared case-insensitively), and not built from
/// what an attacker knows about the person: a staff member's username, a citizen's ID number (whole, birth date, last
/// six) or phone (whole, last eight), passed by the caller.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 64;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Why <paramref name="password"/> is not acceptable, in Chinese for the person choosing it, or null.</summary>
    /// <param name="personal">What the password must not contain (username, ID number, phone …); blanks are ignored.</param>
    public static string? Problem(string? password, params IEnumerable<string?> personal)
    {
        if (string.IsNullOrEmpty(password)) return "请设置密码";
        if (password.Any(c => c is < '!' or > '~')) return "密码只能由字母、数字和英文符号组成，不能含汉字或空格";
        if (password.Length < MinLength) return $"密码至少{MinLength}位";
        if (password.Length > MaxLength) return $"密码不能超过{MaxLength}位";
        if (!password.Any(char.IsAsciiLetter) || !password.Any(char.IsAsciiDigit)) return "密码须同时包含字母和数字";
        if (IsCommon(password)) return "密码过于常见，容易被猜中，请换一个";
        if (personal.SelectMany(PersonalParts).Any(part => password.Contains(part, StringComparison.OrdinalIgnoreCase)))
            return "密码不能包含用户名、身份证号或手机号";
        return null;
    }

    /// <summary>True when the password, ignoring case, is on the shipped list of common passwords.</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(password.ToLowerInvariant());

    public static int CommonPasswordCount => Common.Value.Count;

    // The parts someone who knows the person would try: an ID number whole, its birth date and its tail; a phone whole
    // and its last eight; anything else whole. Three characters or fewer would refuse passwords by accident ("li").
    private static IEnumerable<string> PersonalParts(string? value)
    {
        var v = value?.Trim() ?? "";
        if (v.Length <= 3) yield break;
        yield return v;
        if (v.Length == 18 && v[..17].All(char.IsAsciiDigit))
        {
            yield return v[6..14];
            yield return v[^6..];
        }
        else if (v.Length == 11 && v.All(char.IsAsciiDigit))
        {
            yield return v[^8..];
        }
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Fund.Core.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded in Fund.Core.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) set.Add(line);
        }
        return set;
    }
}
