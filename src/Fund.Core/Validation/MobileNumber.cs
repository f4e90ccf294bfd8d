namespace Fund.Core.Validation;

/// <summary>A mainland mobile number: 11 digits starting 13–19.</summary>
public static class MobileNumber
{
    public static bool IsValid(string? value)
    {
        if (value is null) return false;
        var v = value.Trim();
        if (v.Length != 11 || v[0] != '1' || v[1] < '3' || v[1] > '9') return false;
        foreach (var c in v) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
