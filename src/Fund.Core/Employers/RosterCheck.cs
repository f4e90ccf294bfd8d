using System.Globalization;
using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Core.Withdrawals;

namespace Fund.Core.Employers;

/// <summary>
/// Validates the rows of a 清册 for one employer: each cell, the person the row names as the centre knows them, and
/// duplicates within the 清册. Nothing is posted until every row passes.
/// </summary>
public sealed class RosterCheck(ContributionBaseRules rules)
{
    /// <param name="known">The person a row names, keyed by normalised ID number (开户, 转入) or 个人账号.</param>
    /// <param name="baseAdjustedYear">The year of the employer's last 基数调整: a second one in a year fails every row.</param>
    public IReadOnlyList<RowVerdict> Check(RosterKind kind, string dwzh, IReadOnlyList<RosterRow> rows,
        IReadOnlyDictionary<string, KnownPerson> known, DateOnly today, int? baseAdjustedYear = null)
    {
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var verdicts = new List<RowVerdict>(rows.Count);
        foreach (var row in rows)
        {
            var problems = new List<string>();
            var key = kind.ByIdNumber() ? row.IdNumber : row.Grzh;
            known.TryGetValue(key, out var person);
            if (kind == RosterKind.BaseAdjust && BaseAdjustment.Problem(baseAdjustedYear, today) is { } once) problems.Add(once);
            CheckCells(kind, row, today, problems);
            if (problems.Count == 0 && RosterExample.IsExample(kind, row)) problems.Add(RosterExample.Problem);
            if (problems.Count == 0 && kind.ByIdNumber()) CheckAge(kind, row.IdNumber, today, problems);
            if (problems.Count == 0) CheckPerson(kind, dwzh, row, person, problems);
            if (key.Length > 0 && !firstSeen.TryAdd(key, row.RowNo))
                problems.Add($"与第{firstSeen[key]}行重复");
            verdicts.Add(new RowVerdict(row.RowNo, problems, person?.Grzh));
        }
        return verdicts;
    }

    public static decimal? ParseBase(string text) =>
        decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var b) ? b : null;

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyyMMdd", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;

    private void CheckCells(RosterKind kind, RosterRow row, DateOnly today, List<string> problems)
    {
        foreach (var column in kind.Columns())
        {
            var value = row.Value(column.Field);
            if (column.Field.MustBeText() && row.NumberCells?.Contains(column.Field) == true)
            {
                // The digits read back are not what the clerk typed: check nothing else in this cell.
                problems.Add($"{column.Header}请以文本格式填写（该单元格是数字，长号码的末几位会丢失），请将该列设为文本后重新填写");
                continue;
            }
            switch (column.Field)
            {
                case RosterField.Name:
                    if (PersonName.Problem(value) is { } nameProblem) problems.Add(nameProblem);
                    break;
                case RosterField.IdNumber:
                    if (IdNumber.Problem(value) is { } idProblem) problems.Add(idProblem);
                    break;
                case RosterField.Phone:
                    if (!MobileNumber.IsValid(value)) problems.Add("手机号码应为11位手机号");
                    break;
                case RosterField.Grzh:
                    if (value.Length != 12 || !value.All(char.IsAsciiDigit)) problems.Add("个人账号应为12位数字");
                    break;
                case RosterField.Base:
                    if (value.Length > 0 && ParseBase(value) is null) problems.Add("缴存基数应为金额");
                    else if (rules.BaseProblem(ParseBase(value)) is { } baseProblem) problems.Add(baseProblem);
                    break;
                case RosterField.Date:
                    if (value.Length == 0) problems.Add("请填写封存日期");
                    else if (ParseDate(value) is not { } d) problems.Add("封存日期格式应为2026-11-30");
                    else if (d > today) problems.Add("封存日期不能晚于今天");
                    else if (d < today.AddYears(-1)) problems.Add("封存日期不能早于一年前，请到柜台办理");
                    break;
            }
        }
    }

    /// <summary>
    /// 开户 and 转入 are for people still of working age: past the statutory retirement age the account is for
    /// withdrawal, not for new deposits. The ID number says man or woman; for a woman the later schedule (55, the
    /// cadres') applies, since whether she is a worker (50) is not in the fund's records and a wrong refusal would
    /// stop a lawful account.
    /// </summary>
    private static void CheckAge(RosterKind kind, string idNumber, DateOnly today, List<string> problems)
    {
        if (IdNumber.BirthDate(idNumber) is not { } born) return;
        var schedule = IdNumber.IsMale(idNumber) ? RetirementSchedule.Men60 : RetirementSchedule.Women55;
        var reached = StatutoryRetirement.ReachedOn(born, schedule);
        if (reached <= today)
            problems.Add($"该职工已于{reached:yyyy年M月d日}达到法定退休年龄（{StatutoryRetirement.AgeText(StatutoryRetirement.AgeInMonths(born, schedule))}），不能办理{kind.DisplayName()}");
    }

    private static void CheckPerson(RosterKind kind, string dwzh, RosterRow row, KnownPerson? person, List<string> problems)
    {
        if (person is not null && person.Name != row.Name)
        {
            problems.Add(kind.ByIdNumber() ? "姓名与该身份证号在本中心的账户不一致" : "姓名与个人账号不一致");
            return;
        }
        var ours = person is not null && person.Dwzh == dwzh;
        switch (kind)
        {
            case RosterKind.Open when person is null:
                break;
            case RosterKind.Open when person.Status == AccountStatus.Frozen:
                problems.Add("该职工的个人账户已冻结，请到柜台办理");
                break;
            case RosterKind.Open when ours && person.Status == AccountStatus.Sealed:
                problems.Add("该职工已在本单位开户（封存），请办理启封");
                break;
            case RosterKind.Open when ours && person.Status == AccountStatus.Normal:
                problems.Add("该职工已在本单位开户");
                break;
            case RosterKind.Open when person.Status == AccountStatus.Normal:
                problems.Add("该职工在其他单位正常缴存，须原单位封存后办理");
                break;
            case RosterKind.Open:
                break; // sealed or closed elsewhere: the one account is re-attached here
            case RosterKind.TransferIn when person is null:
                problems.Add("本中心无该职工的个人账户，请办理开户");
                break;
            case RosterKind.TransferIn when ours:
                problems.Add("该职工已在本单位");
                break;
            case RosterKind.TransferIn when person.Status != AccountStatus.Sealed:
                problems.Add($"该职工的个人账户状态为{person.Status.DisplayName()}，须原单位封存后才能转入");
                break;
            case RosterKind.TransferIn:
                break;
            case RosterKind.Seal or RosterKind.Unseal or RosterKind.BaseAdjust when !ours:
                problems.Add("本单位无此个人账号");
                break;
            case RosterKind.Seal when person!.Status != AccountStatus.Normal:
                problems.Add($"该职工的个人账户状态为{person.Status.DisplayName()}，不能封存");
                break;
            case RosterKind.Unseal when person!.Status != AccountStatus.Sealed:
                problems.Add($"该职工的个人账户状态为{person.Status.DisplayName()}，不能启封");
                break;
            case RosterKind.BaseAdjust when person!.Status is not (AccountStatus.Normal or AccountStatus.Sealed):
                problems.Add($"该职工的个人账户状态为{person.Status.DisplayName()}，不能调整基数");
                break;
        }
    }
}
