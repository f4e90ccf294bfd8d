using System.Text;

namespace Fund.Core.Validation;

/// <summary>
/// A name as a resident identity card can print it: Han characters (the rare ones in the extension blocks too, each
/// counted as one character), parts joined by the middle dot · (U+00B7) as transliterated minority and foreign names
/// are written; or, on the foreign permanent resident card, capital Latin letters with single spaces.
/// Anything else (markup, emoji, digits, pinyin) is a typing or pasting error, not a name.
/// </summary>
public static class PersonName
{
    public const int MinLength = 2;
    public const int MaxLength = 30;
    public const char MiddleDot = '\u00B7';

    /// <summary>Look-alikes of the middle dot people type; named in the message so the clerk knows what to change.</summary>
    private static readonly string DotLookAlikes = "\u2022\u2027\u30FB\uFF0E\u22C5\u2219.\uFF65";

    /// <summary>Explains in Chinese what is wrong, or null when the name could stand on an ID card.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "请填写姓名";
        var runes = name.EnumerateRunes().ToList();
        if (runes.Count > MaxLength) return $"姓名不得超过{MaxLength}个字";
        if (runes.Any(r => r.IsBmp && DotLookAlikes.Contains((char)r.Value))) return "姓名中的间隔号请使用“·”";
        var han = runes.All(r => IsHan(r) || r.Value == MiddleDot);
        var latin = runes.All(r => r.Value is >= 'A' and <= 'Z' or ' ');
        if (!han && !latin)
            return runes.Any(r => r.Value is >= 'a' and <= 'z')
                ? "姓名应与身份证一致：汉字，外国人永久居留身份证为大写字母"
                : "姓名只能包含汉字、间隔号“·”或（外籍人员）大写字母";
        var separator = han ? MiddleDot : ' ';
        if (name[0] == separator || name[^1] == separator || name.Contains($"{separator}{separator}", StringComparison.Ordinal))
            return han ? "姓名中的间隔号“·”只能用在两个字之间" : "姓名中的空格只能用在两个单词之间";
        if (runes.Count(r => r.Value != separator) < MinLength) return $"姓名至少{MinLength}个字";
        return null;
    }

    /// <summary>
    /// Han ideographs: the basic block, extensions A to I, compatibility ideographs, and 〇 (used as a character in
    /// names). Unicode's Han script also holds radicals and ideographic punctuation, which are no name characters.
    /// </summary>
    public static bool IsHan(Rune r) => r.Value switch
    {
        0x3007 => true,
        >= 0x3400 and <= 0x4DBF => true,   // Extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK Unified Ideographs
        >= 0xF900 and <= 0xFAFF => true,   // Compatibility Ideographs
        >= 0x20000 and <= 0x2EE5F => true, // Extensions B to F and I
        >= 0x2F800 and <= 0x2FA1F => true, // Compatibility Ideographs Supplement
        >= 0x30000 and <= 0x323AF => true, // Extensions G and H
        _ => false,
    };
}
