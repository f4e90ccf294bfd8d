namespace Fund.Core.Reference;

/// <summary>The checks every reference-data form repeats, each adding a Chinese message a supervisor can act on.</summary>
internal static class FieldChecks
{
    public static string Required(string? value, string label, int maxLength, List<string> problems)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0) problems.Add($"请填写{label}");
        else if (v.Length > maxLength) problems.Add($"{label}不超过{maxLength}字");
        return v;
    }

    public static string Optional(string? value, string label, int maxLength, List<string> problems)
    {
        var v = (value ?? "").Trim();
        if (v.Length > maxLength) problems.Add($"{label}不超过{maxLength}字");
        return v;
    }
}
