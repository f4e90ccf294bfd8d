namespace Fund.Core.Validation;

/// <summary>How personal data is shown on screens and in chat: enough to recognise, not enough to use.</summary>
public static class Mask
{
    /// <summary>4101**********1234</summary>
    public static string IdNumber(string value) => KeepEnds(value, 4, 4);

    /// <summary>138****5678</summary>
    public static string Phone(string value) => KeepEnds(value, 3, 4);

    /// <summary>6222***********1234</summary>
    public static string BankCard(string value) => KeepEnds(value, 4, 4);

    /// <summary>Account numbers are not secret, but chat shows them shortened the same way.</summary>
    public static string AccountNumber(string value) => KeepEnds(value, 4, 4);

    /// <summary>张*, 欧阳*明: the family name and, for long names, the last character.</summary>
    public static string Name(string value) => value.Length switch
    {
        0 => "",
        1 => value,
        2 => value[0] + "*",
        _ => value[0] + new string('*', value.Length - 2) + value[^1],
    };

    private static string KeepEnds(string value, int head, int tail)
    {
        if (value.Length <= head + tail) return new string('*', value.Length);
        return string.Concat(value.AsSpan(0, head), new string('*', value.Length - head - tail), value.AsSpan(value.Length - tail));
    }
}
