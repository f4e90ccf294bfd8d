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
/// The conditions the system can check for the types offered online: the three closing withdrawals (the whole balance,
/// the account closes) and 租房, 购房, 还贷 (part of the balance, see <see cref="PartialWithdrawalRules"/>). The counter
/// still checks the documents; these rules only stop applications that could never be approved.
/// </summary>
public static class WithdrawalEligibility
{
    public const int SealedMonthsRequired = 6;

    /// <summary>In the order the 提取 page lists them: the everyday ones first.</summary>
    public static readonly IReadOnlyList<WithdrawalType> OnlineTypes =
    [
        WithdrawalType.Rent, WithdrawalType.HousePurchase, WithdrawalType.RepayLoan,
        WithdrawalType.EmploymentEnded, WithdrawalType.SettledAbroad, WithdrawalType.Retirement,
    ];

    /// <param name="history">The account's withdrawals, for the once-a-year rules; none given means none made.</param>
    /// <param name="limits">The centre's limits; null means the defaults.</param>
    public static Eligibility Check(
        WithdrawalType type, PersonalAccount account, IReadOnlyList<Loan> loans, DateOnly today, bool hasRetirementCertificate = false,
        IReadOnlyList<Withdrawal>? history = null, WithdrawalLimits? limits = null)
    {
        limits ??= new WithdrawalLimits();
        var problems = new List<string>();
        var notes = new List<string>();
        var needsCertificate = false;

        if (!OnlineTypes.Contains(type)) problems.Add("该提取类型暂不支持线上办理，请到服务网点柜台办理。");
        if (account.Status == AccountStatus.Closed) problems.Add("您的账户已提取销户，无需再次提取。");
        if (account.Status == AccountStatus.Frozen) problems.Add($"您的账户处于冻结状态，暂不能办理提取，请联系{CentreContact.Hotline}。");
        var openLoans = loans.Where(l => l.Status is LoanStatus.InProgress or LoanStatus.Repaying).ToList();
        if (type.IsClosing() && openLoans.Count > 0)
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
            case WithdrawalType.Rent:
                CheckRent(account, openLoans, limits, problems, notes);
                break;
            case WithdrawalType.HousePurchase:
                notes.Add($"购房合同签订或发票日期需在近{limits.PurchaseWindowMonths}个月内，同一购房合同（发票）只能提取一次，提取金额不超过房屋总价。");
                break;
            case WithdrawalType.RepayLoan:
                if (openLoans.FirstOrDefault(l => l.Status == LoanStatus.Repaying) is { } fundLoan)
                    notes.Add($"您在本中心有住房公积金贷款（合同号{fundLoan.ContractNo}），偿还本中心贷款请到服务网点柜台办理冲还贷；线上可办理偿还商业银行贷款或异地公积金贷款的提取。");
                notes.Add($"提取金额不超过近{limits.RepayWindowMonths}个月内已偿还的贷款本息。");
                break;
        }
        if (!type.IsClosing() && account.Status is AccountStatus.Normal or AccountStatus.Sealed)
        {
            if (PartialWithdrawalRules.IntervalProblem(type, history ?? [], today, limits) is { } tooSoon) problems.Add(tooSoon);
            if (PartialWithdrawalRules.Available(account.Balance, limits) <= 0) problems.Add("账户可提取余额为0，暂不能办理提取。");
        }
        return new Eligibility(problems.Count == 0, problems, notes) { NeedsRetirementCertificate = needsCertificate, HasRetirementCertificate = hasRetirementCertificate };
    }

    /// <summary>Months paid into the account, from the month it opened to the month it is paid up to (缴至年月).</summary>
    public static int ContributionMonths(PersonalAccount account) => account.PaidUpTo is { } paid
        ? Math.Max(0, (paid.Year - account.OpenedOn.Year) * 12 + paid.Month - account.OpenedOn.Month + 1)
        : 0;

    private static void CheckRent(PersonalAccount account, IReadOnlyList<Loan> openLoans, WithdrawalLimits limits, List<string> problems, List<string> notes)
    {
        if (account.Status == AccountStatus.Sealed) problems.Add("租房提取需账户处于正常缴存状态，您的账户已封存。");
        var months = ContributionMonths(account);
        if (account.Status == AccountStatus.Normal && months < limits.RentMinContributionMonths)
            problems.Add($"租房提取需缴存满{limits.RentMinContributionMonths}个月，您的账户已缴存{months}个月。");
        if (openLoans.Count > 0) problems.Add("您有未结清或正在审批的住房公积金贷款，不能办理租房提取。");
        notes.Add($"本人及配偶在本市无自有住房；每{limits.RentIntervalMonths}个月可提取一次，每次不超过{limits.RentYearlyLimit:N0}元。");
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
        WithdrawalType.Rent => "租赁自住住房",
        WithdrawalType.RepayLoan => "偿还购房贷款本息",
        _ => "其他",
    };

    /// <summary>The public guide under /h5/tools/guides for a type.</summary>
    public static string GuideSlug(this WithdrawalType type) => type switch
    {
        WithdrawalType.EmploymentEnded => "withdrawal-leaving-employment",
        WithdrawalType.SettledAbroad => "withdrawal-emigration",
        WithdrawalType.Rent => "withdrawal-rent",
        WithdrawalType.HousePurchase => "withdrawal-house-purchase",
        WithdrawalType.RepayLoan => "withdrawal-loan-repayment",
        _ => "withdrawal-retirement",
    };
}
