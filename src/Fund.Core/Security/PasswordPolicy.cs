using System.Reflection;

namespace Fund.Core.Security;

/// <summary>
/// What a new password must be: 8–20 printable ASCII characters (no Chinese, no spaces) with letters and digits, not
/// one of the 10,000 commonest passwords, and not built from the holder's own ID number or phone — the first things
/// an attacker who knows the person tries.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 20;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>Why <paramref name="password"/> is not acceptable as a new password, or null when it is.</summary>
    /// <param name="idNumber">The holder's ID number, when known.</param>
    /// <param name="phone">The holder's phone of record, when known.</param>
    public static string? Problem(string? password, string? idNumber = null, string? phone = null)
    {
        if (string.IsNullOrEmpty(password)) return "请设置密码";
        if (password.Any(c => c is < '!' or > '~')) return "密码只能由字母、数字和英文符号组成，不能含汉字或空格";
        if (password.Length < MinLength) return $"密码至少{MinLength}位";
        if (password.Length > MaxLength) return $"密码不能超过{MaxLength}位";
        if (!password.Any(char.IsAsciiLetter) || !password.Any(char.IsAsciiDigit)) return "密码须同时包含字母和数字";
        if (IsCommon(password)) return "该密码过于常见，容易被猜中，请换一个";
        if (PersonalParts(idNumber, phone).Any(part => password.Contains(part, StringComparison.OrdinalIgnoreCase)))
            return "密码不能包含身份证号、出生日期或手机号";
        return null;
    }

    /// <summary>True when the password (in any letter case) is on the shipped list of common passwords.</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(password.ToLowerInvariant());

    // The parts of the ID number and phone someone who knows the holder would try: whole, birth date, tails.
    private static IEnumerable<string> PersonalParts(string? idNumber, string? phone)
    {
        var id = idNumber?.Trim() ?? "";
        if (id.Length == 18)
        {
            yield return id;
            yield return id[6..14];
            yield return id[^6..];
        }
        var mobile = phone?.Trim() ?? "";
        if (mobile.Length == 11)
        {
            yield return mobile;
            yield return mobile[^8..];
        }
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Fund.Core.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from Fund.Core.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) set.Add(line);
        return set;
    }
}
