using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Validation;

namespace Fund.Core.Certificates;

/// <summary>
/// Who may have which certificate, and what it says. Pure: the issuer reads the account and ledger, these rules
/// decide; the messages are the citizen's.
/// </summary>
public static class CertificateRules
{
    /// <summary>The longest 明细账 period, in months (three years).</summary>
    public const int MaxStatementMonths = 36;

    /// <summary>Why this account cannot have this certificate now, or null. Frozen accounts are a matter for the counter.</summary>
    public static string? Refusal(PersonalAccount account, CertificateRequest request, DateOnly today, int issuedToday, CertificateOptions options)
    {
        if (account.Status == AccountStatus.Frozen) return "账户冻结期间不能在线开具证明，请携带身份证到服务网点柜台办理。";
        if (issuedToday >= options.MaxPerDay) return $"每个账户每天最多在线开具{options.MaxPerDay}份证明，请明天再试。";
        if (!Enum.IsDefined(request.Kind)) return "请选择证明类型。";
        if (!Enum.IsDefined(request.Purpose)) return "请选择证明用途。";
        return request.Kind == CertificateKind.Statement ? PeriodRefusal(account, request, today) : null;
    }

    private static string? PeriodRefusal(PersonalAccount account, CertificateRequest request, DateOnly today)
    {
        if (request.FromMonth is not { } from || request.ToMonth is not { } to) return "请选择明细账的起止年月。";
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var opened = new DateOnly(account.OpenedOn.Year, account.OpenedOn.Month, 1);
        if (from > to) return "起始年月不能晚于截止年月。";
        if (to > thisMonth) return "截止年月不能晚于本月。";
        if (from < opened) return $"起始年月不能早于开户年月（{opened.Year}年{opened.Month:00}月）。";
        if (Months(from, to) > MaxStatementMonths) return "明细账一次最长可开具3年（36个月），请缩短期间。";
        return null;
    }

    /// <summary>Months from one first-of-month to another, both counted.</summary>
    public static int Months(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month + 1;

    /// <summary>The last day of the period: the end of <paramref name="toMonth"/>, or today within the current month.</summary>
    public static DateOnly PeriodEnd(DateOnly toMonth, DateOnly today)
    {
        var end = toMonth.AddMonths(1).AddDays(-1);
        return end > today ? today : end;
    }

    /// <summary>What the certificate prints. <paramref name="period"/> is the ledger of the period, for 明细账 only.</summary>
    public static CertificateFacts Facts(PersonalAccount account, CertificateRequest request, CertificateOptions options,
        DateOnly today, PeriodLedger? period) => new()
    {
        Kind = request.Kind,
        CentreName = options.CentreName,
        Name = account.Name,
        MaskedIdNumber = Mask.IdNumber(account.IdNumber),
        Grzh = account.Grzh,
        EmployerName = account.EmployerName,
        OpenedOn = account.OpenedOn,
        StatusName = account.Status.DisplayName(),
        PurposeName = request.Purpose.DisplayName(),
        ContributionBase = account.ContributionBase,
        PersonalMonthly = account.PersonalMonthly,
        EmployerMonthly = account.EmployerMonthly,
        PaidUpToText = account.PaidUpToText,
        Balance = request.Kind == CertificateKind.Deposit && request.IncludeBalance ? account.Balance : null,
        PeriodFrom = period?.From,
        PeriodTo = period?.To,
        OpeningBalance = period?.OpeningBalance ?? 0m,
        ClosingBalance = period?.ClosingBalance ?? 0m,
        Entries = period?.Entries ?? [],
    };
}
