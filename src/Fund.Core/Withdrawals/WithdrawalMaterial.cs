namespace Fund.Core.Withdrawals;

/// <summary>提取材料: one type's facts as the citizen entered them, reused when they apply.</summary>
public sealed record WithdrawalMaterial(
    long Id, string Grzh, WithdrawalType Type, IReadOnlyDictionary<string, string> Facts, DateTimeOffset CreatedAt)
{
    public string Summary => string.Join("，", MaterialFields.For(Type)
        .Where(f => Facts.ContainsKey(f.Key)).Select(f => $"{f.Label}：{Facts[f.Key]}"));

    public string? Fact(string key) => Facts.TryGetValue(key, out var value) ? value : null;
}

/// <summary>How a fact is entered and checked.</summary>
public enum FieldKind
{
    Text,
    /// <summary>yyyy-MM-dd, a day that has happened.</summary>
    Date,
    /// <summary>A contract or invoice number: 4 to 30 letters, digits or '-'.</summary>
    Number,
    /// <summary>元, more than 0, at most two decimals.</summary>
    Amount,
    /// <summary>One of <see cref="MaterialField.Options"/>.</summary>
    Choice,
}

/// <summary>One fact a material asks for.</summary>
public sealed record MaterialField(string Key, string Label, FieldKind Kind, bool Required, IReadOnlyList<string>? Options = null)
{
    public bool IsDate => Kind == FieldKind.Date;
}

/// <summary>The facts each type's material holds; keys are stable, labels are what the citizen reads.</summary>
public static class MaterialFields
{
    public const string NoOwnHouseDeclared = "本人及配偶在本市无自有住房";
    public const string ProofNoHouseStatement = "无房声明";
    public const string ProofRentContract = "租房合同";
    public const string CommercialLoan = "商业银行个人住房贷款";
    public const string OtherCityFundLoan = "异地住房公积金贷款";

    public static IReadOnlyList<MaterialField> For(WithdrawalType type) => type switch
    {
        WithdrawalType.EmploymentEnded =>
        [
            new("leftOn", "解除劳动关系日期", FieldKind.Date, true),
            new("formerEmployer", "原工作单位", FieldKind.Text, true),
        ],
        WithdrawalType.SettledAbroad =>
        [
            new("country", "定居国家（地区）", FieldKind.Text, true),
            new("settledOn", "出境定居日期", FieldKind.Date, true),
        ],
        WithdrawalType.Retirement =>
        [
            new("retiredOn", "退休日期", FieldKind.Date, true),
        ],
        WithdrawalType.Rent =>
        [
            new("noOwnHouse", "本市住房情况", FieldKind.Choice, true, [NoOwnHouseDeclared]),
            new("proof", "租房证明", FieldKind.Choice, true, [ProofNoHouseStatement, ProofRentContract]),
            new("address", "租住地址", FieldKind.Text, true),
        ],
        WithdrawalType.HousePurchase =>
        [
            new("contractNo", "购房合同或发票号码", FieldKind.Number, true),
            new("purchasedOn", "合同签订或发票日期", FieldKind.Date, true),
            new("price", "房屋总价（元）", FieldKind.Amount, true),
            new("address", "房屋坐落", FieldKind.Text, true),
        ],
        WithdrawalType.RepayLoan =>
        [
            new("loanKind", "贷款类型", FieldKind.Choice, true, [CommercialLoan, OtherCityFundLoan]),
            new("loanContractNo", "借款合同编号", FieldKind.Number, true),
            new("lender", "贷款银行（机构）", FieldKind.Text, true),
            new("repaidFrom", "还款起始日期", FieldKind.Date, true),
            new("repaidAmount", "期间已还本息（元）", FieldKind.Amount, true),
        ],
        _ => [],
    };

    /// <summary>No fact of a withdrawal lies before this day.</summary>
    public static readonly DateOnly EarliestDate = new(1950, 1, 1);

    /// <summary>
    /// Keeps only known keys, trimmed and length-capped; returns the problem in Chinese, if any. Every date is a
    /// day that has happened: one cannot have left a job, settled abroad, retired or signed a contract tomorrow.
    /// Amounts are kept as typed once valid (12000 or 12000.5), numbers in upper case.
    /// </summary>
    public static (Dictionary<string, string> Facts, string? Problem) Clean(WithdrawalType type, IReadOnlyDictionary<string, string?> input, DateOnly today)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in For(type))
        {
            var value = input.TryGetValue(field.Key, out var v) ? v?.Trim() ?? "" : "";
            if (value.Length == 0)
            {
                if (field.Required) return (facts, field.Kind == FieldKind.Choice ? $"请选择{field.Label}" : $"请填写{field.Label}");
                continue;
            }
            if (value.Length > 50) return (facts, $"{field.Label}过长");
            switch (field.Kind)
            {
                case FieldKind.Date:
                    if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date)) return (facts, $"{field.Label}格式应为 年-月-日");
                    if (date > today) return (facts, $"{field.Label}不能晚于今天");
                    if (date < EarliestDate) return (facts, $"{field.Label}有误，请核对");
                    break;
                case FieldKind.Number:
                    value = value.ToUpperInvariant();
                    if (value.Length is < 4 or > 30 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                        return (facts, $"{field.Label}应为4至30位字母、数字或“-”");
                    break;
                case FieldKind.Amount:
                    if (Money.Problem(field.Label, value) is { } problem) return (facts, problem);
                    break;
                case FieldKind.Choice:
                    if (field.Options is null || !field.Options.Contains(value)) return (facts, $"请选择{field.Label}");
                    break;
            }
            facts[field.Key] = value;
        }
        return (facts, null);
    }

    /// <summary>A fact that <see cref="Clean"/> accepted as an amount or a date; null when the material lacks it.</summary>
    public static decimal? AmountOf(WithdrawalMaterial material, string key) =>
        material.Fact(key) is { } text && Money.TryParse(text, out var amount) ? amount : null;

    public static DateOnly? DateOf(WithdrawalMaterial material, string key) =>
        material.Fact(key) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date) ? date : null;
}
