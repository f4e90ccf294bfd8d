namespace Fund.Core.Security;

/// <summary>
/// The one password policy for citizens and counter staff: 8–64 characters, letters and digits, not one of the
/// ~10,000 common passwords (compared case-insensitively), and not containing what an attacker knows about the
/// person (a staff member's username; a citizen's ID number or phone, passed by the caller).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 64;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Why <paramref name="password"/> is not acceptable, in Chinese for the person choosing it, or null.</summary>
    /// <param name="personal">Strings the password must not contain (username, ID number, phone …); blanks are ignored.</param>
    public static string? Problem(string? password, params IEnumerable<string?> personal)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength) return $"密码至少{MinLength}位";
        if (password.Length > MaxLength) return $"密码不能超过{MaxLength}位";
        if (password.Any(char.IsWhiteSpace) || password.Any(char.IsControl)) return "密码不能包含空格或控制字符";
        if (!password.Any(char.IsAsciiLetter) || !password.Any(char.IsAsciiDigit)) return "密码须同时包含字母和数字";
        if (IsCommon(password)) return "密码过于常见，容易被猜中，请换一个";
        foreach (var p in personal)
        {
            // Three characters or fewer would refuse half of all passwords by accident (a surname, "li").
            if (p is { Length: > 3 } && password.Contains(p.Trim(), StringComparison.OrdinalIgnoreCase))
                return "密码不能包含用户名、身份证号或手机号";
        }
        return null;
    }

    /// <summary>True when the password, ignoring case, is on the shipped list of common passwords.</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(password.ToLowerInvariant());

    public static int CommonPasswordCount => Common.Value.Count;

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
