namespace Fund.Core.Withdrawals;

/// <summary>提取材料: one type's facts as the citizen entered them, reused when they apply.</summary>
public sealed record WithdrawalMaterial(
    long Id, string Grzh, WithdrawalType Type, IReadOnlyDictionary<string, string> Facts, DateTimeOffset CreatedAt)
{
    public string Summary => string.Join("，", MaterialFields.For(Type)
        .Where(f => Facts.ContainsKey(f.Key)).Select(f => $"{f.Label}：{Facts[f.Key]}"));
}

/// <summary>One fact a material asks for.</summary>
public sealed record MaterialField(string Key, string Label, bool IsDate, bool Required);

/// <summary>The facts each type's material holds; keys are stable, labels are what the citizen reads.</summary>
public static class MaterialFields
{
    public static IReadOnlyList<MaterialField> For(WithdrawalType type) => type switch
    {
        WithdrawalType.EmploymentEnded =>
        [
            new("leftOn", "解除劳动关系日期", true, true),
            new("formerEmployer", "原工作单位", false, true),
        ],
        WithdrawalType.SettledAbroad =>
        [
            new("country", "定居国家（地区）", false, true),
            new("settledOn", "出境定居日期", true, true),
        ],
        WithdrawalType.Retirement =>
        [
            new("retiredOn", "退休日期", true, true),
        ],
        _ => [],
    };

    /// <summary>No fact of a withdrawal lies before this day.</summary>
    public static readonly DateOnly EarliestDate = new(1950, 1, 1);

    /// <summary>
    /// Keeps only known keys, trimmed and length-capped; returns the problem in Chinese, if any. Every date is a
    /// day that has happened: one cannot have left a job, settled abroad or retired tomorrow.
    /// </summary>
    public static (Dictionary<string, string> Facts, string? Problem) Clean(WithdrawalType type, IReadOnlyDictionary<string, string?> input, DateOnly today)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in For(type))
        {
            var value = input.TryGetValue(field.Key, out var v) ? v?.Trim() ?? "" : "";
            if (value.Length == 0)
            {
                if (field.Required) return (facts, $"请填写{field.Label}");
                continue;
            }
            if (value.Length > 50) return (facts, $"{field.Label}过长");
            if (field.IsDate)
            {
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date)) return (facts, $"{field.Label}格式应为 年-月-日");
                if (date > today) return (facts, $"{field.Label}不能晚于今天");
                if (date < EarliestDate) return (facts, $"{field.Label}有误，请核对");
            }
            facts[field.Key] = value;
        }
        return (facts, null);
    }
}
