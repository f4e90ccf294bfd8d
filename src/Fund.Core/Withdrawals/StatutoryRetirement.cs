namespace Fund.Core.Withdrawals;

/// <summary>The three statutory retirement schedules; which one a woman falls under is not in the fund's records.</summary>
public enum RetirementSchedule
{
    /// <summary>Men: 60, rising to 63.</summary>
    Men60,
    /// <summary>Women cadres (原法定退休年龄55周岁): 55, rising to 58.</summary>
    Women55,
    /// <summary>Women workers (原法定退休年龄50周岁): 50, rising to 55.</summary>
    Women50,
}

/// <summary>
/// 法定退休年龄 by birth month under the gradual reform: 全国人民代表大会常务委员会《关于实施渐进式延迟法定退休年龄的决定》
/// (2024-09-13, in force 2025-01-01) and its annex 《国务院关于渐进式延迟法定退休年龄的办法》 with 附表1–3. From 2025 over
/// fifteen years: men 60 → 63 and women cadres 55 → 58 are delayed one month for every four months of birth, from
/// births in 1965-01 and 1970-01 (so 1965-01 retires at 60y1m in 2025-02); women workers 50 → 55 are delayed one
/// month for every two months, from births in 1975-01. The delay stops at 36 and 60 months (men born 1976-09 or later
/// retire at 63, women cadres born 1981-09 or later at 58, women workers born 1984-11 or later at 55).
/// </summary>
public static class StatutoryRetirement
{
    private sealed record Rule(int BaseYears, int FirstBirthYear, int MonthsPerStep, int CapMonths);

    private static Rule For(RetirementSchedule schedule) => schedule switch
    {
        RetirementSchedule.Men60 => new Rule(60, 1965, 4, 36),
        RetirementSchedule.Women55 => new Rule(55, 1970, 4, 36),
        _ => new Rule(50, 1975, 2, 60),
    };

    /// <summary>The age in whole months at which someone born on <paramref name="birthDate"/> may retire.</summary>
    public static int AgeInMonths(DateOnly birthDate, RetirementSchedule schedule)
    {
        var rule = For(schedule);
        var monthsSinceStart = (birthDate.Year - rule.FirstBirthYear) * 12 + birthDate.Month - 1;
        var delay = monthsSinceStart < 0 ? 0 : Math.Min(monthsSinceStart / rule.MonthsPerStep + 1, rule.CapMonths);
        return rule.BaseYears * 12 + delay;
    }

    /// <summary>The day the statutory age is reached: the birthday that many months on.</summary>
    public static DateOnly ReachedOn(DateOnly birthDate, RetirementSchedule schedule) =>
        birthDate.AddMonths(AgeInMonths(birthDate, schedule));

    /// <summary>60岁, 60岁1个月 …</summary>
    public static string AgeText(int months) => months % 12 == 0 ? $"{months / 12}岁" : $"{months / 12}岁{months % 12}个月";
}
