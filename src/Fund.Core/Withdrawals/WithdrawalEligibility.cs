using Fund.Core.Accounts;
using Fund.Core.Loans;
using Fund.Core.Validation;

namespace Fund.Core.Withdrawals;

/// <summary>The verdict on one type for one account: allowed or not, each reason explained in Chinese.</summary>
public sealed record Eligibility(bool Allowed, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    /// <summary>Retirement by certificate: the flow may start, but submitting needs a 退休证 among the uploads.</summary>
    public bool NeedsRetirementCertificate { get; init; }

    public bool HasRetirementCertificate { get; init; }

    public bool ReadyToSubmit => Allowed && (!NeedsRetirementCertificate || HasRetirementCertificate);
}

/// <summary>
/// The conditions the system can check for the three closing withdrawals offered online. The counter still checks
/// the documents; these rules only stop applications that could never be approved.
/// </summary>
public static class WithdrawalEligibility
{
    public const int SealedMonthsRequired = 6;

    public static readonly IReadOnlyList<WithdrawalType> OnlineTypes =
        [WithdrawalType.EmploymentEnded, WithdrawalType.SettledAbroad, WithdrawalType.Retirement];

    public static Eligibility Check(
        WithdrawalType type, PersonalAccount account, IReadOnlyList<Loan> loans, DateOnly today, bool hasRetirementCertificate = false)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        var needsCertificate = false;

        if (!OnlineTypes.Contains(type)) problems.Add("该提取类型暂不支持线上办理，请到服务网点柜台办理。");
        if (account.Status == AccountStatus.Closed) problems.Add("您的账户已提取销户，无需再次提取。");
        if (account.Status == AccountStatus.Frozen) problems.Add("您的账户处于冻结状态，暂不能办理提取，请联系12329。");
        if (loans.Any(l => l.Status is LoanStatus.InProgress or LoanStatus.Repaying))
            problems.Add("您有未结清或正在审批的住房公积金贷款，结清后方可办理销户提取。");

        switch (type)
        {
            case WithdrawalType.EmploymentEnded:
                CheckSealed(account, today, problems, notes);
                break;
            case WithdrawalType.Retirement:
                needsCertificate = !CheckRetirementAge(account, today, notes);
                if (needsCertificate && !hasRetirementCertificate)
                    notes.Add("未达到系统可确认的法定退休年龄：如您已办理退休手续，请上传退休证或退休审批表。");
                break;
            case WithdrawalType.SettledAbroad:
                notes.Add("出境定居情况由柜台根据户口注销证明或定居证明审核。");
                break;
        }
        return new Eligibility(problems.Count == 0, problems, notes) { NeedsRetirementCertificate = needsCertificate, HasRetirementCertificate = hasRetirementCertificate };
    }

    /// <summary>Sealed on D: eligible from D plus six calendar months, not a day earlier.</summary>
    public static DateOnly EligibleFrom(DateOnly sealedOn) => sealedOn.AddMonths(SealedMonthsRequired);

    private static void CheckSealed(PersonalAccount account, DateOnly today, List<string> problems, List<string> notes)
    {
        if (account.Status != AccountStatus.Sealed || account.SealedOn is not { } sealedOn)
        {
            if (account.Status == AccountStatus.Normal)
                problems.Add("您的账户处于正常缴存状态，需单位办理封存后方可办理终止劳动关系提取。");
            return;
        }
        var from = EligibleFrom(sealedOn);
        if (today < from)
            problems.Add($"账户封存于{sealedOn:yyyy年M月d日}，需封存满6个月，{from:yyyy年M月d日}起可办理。");
        else
            notes.Add($"账户封存于{sealedOn:yyyy年M月d日}，已满6个月。");
    }

    /// <summary>
    /// True when the birth date alone shows the statutory age is reached. Women are measured against the cadres'
    /// schedule, the later one: the fund does not know which applies, and a woman worker proves it by certificate.
    /// </summary>
    private static bool CheckRetirementAge(PersonalAccount account, DateOnly today, List<string> notes)
    {
        if (IdNumber.BirthDate(account.IdNumber) is not { } born) return false;
        var schedule = IdNumber.IsMale(account.IdNumber) ? RetirementSchedule.Men60 : RetirementSchedule.Women55;
        var reached = StatutoryRetirement.ReachedOn(born, schedule);
        if (today < reached) return false;
        notes.Add($"已于{reached:yyyy年M月d日}达到法定退休年龄（{StatutoryRetirement.AgeText(StatutoryRetirement.AgeInMonths(born, schedule))}）。");
        return true;
    }

    public static string TypeName(this WithdrawalType type) => type switch
    {
        WithdrawalType.EmploymentEnded => "与单位终止劳动关系",
        WithdrawalType.SettledAbroad => "出境定居",
        WithdrawalType.Retirement => "离退休",
        WithdrawalType.HousePurchase => "购买自住住房",
        _ => "租赁自住住房",
    };

    /// <summary>The public guide under /h5/tools/guides for a type.</summary>
    public static string GuideSlug(this WithdrawalType type) => type switch
    {
        WithdrawalType.EmploymentEnded => "withdrawal-leaving-employment",
        WithdrawalType.SettledAbroad => "withdrawal-emigration",
        _ => "withdrawal-retirement",
    };
}
