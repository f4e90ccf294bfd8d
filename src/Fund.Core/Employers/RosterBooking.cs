using Fund.Core.Accounts;
using Fund.Core.Ledger;

namespace Fund.Core.Employers;

public enum SubmitRosterOutcome { Posted, NotFound, HasProblems, Empty, BaseAdjustedThisYear }

/// <summary>The employer a 清册 is submitted for, as read under lock.</summary>
public sealed record EmployerOnFile(string Dwzh, string Name, decimal PersonalRate, decimal EmployerRate, DateOnly? PaidUpTo, int? BaseAdjustedYear);

/// <summary>缴存基数 with the employer's rates and the monthly amounts they make.</summary>
public sealed record ContributionTerms(decimal Base, decimal PersonalRate, decimal EmployerRate, MonthlyContribution Monthly);

/// <summary>An account a 开户清册 opens: 正常, with the employer's 缴至年月, opened today, balance 0.</summary>
public sealed record NewAccount(string Name, string IdNumber, string Phone, ContributionTerms Terms);

/// <summary>What a 清册 row does to an account the centre already holds; each kind is one change of the row.</summary>
public abstract record AccountChange(string Grzh);

/// <summary>开户 of someone known, or 转入: the account (balance and entries as they are) joins the employer, 正常, with
/// its terms, 缴至年月 the later of its own and the employer's, and the row's phone when one is given.</summary>
public sealed record AccountJoins(string Grzh, string Dwzh, ContributionTerms Terms, DateOnly? PaidUpTo, string? Phone) : AccountChange(Grzh);

/// <summary>封存 from the given day.</summary>
public sealed record AccountSeals(string Grzh, DateOnly SealedOn) : AccountChange(Grzh);

/// <summary>启封: 正常 again.</summary>
public sealed record AccountUnseals(string Grzh) : AccountChange(Grzh);

/// <summary>基数调整: new base, rates and monthly amounts.</summary>
public sealed record AccountRebased(string Grzh, ContributionTerms Terms) : AccountChange(Grzh);

/// <summary>
/// What a submitted 清册 writes, for Data to persist as it is in one transaction with its audit row: the accounts it
/// opens and changes, the 明细账 lines it posts (a zero line marks a move), the employer's 基数调整 year, and the
/// business as posted with its summary.
/// </summary>
public sealed record RosterBooking(
    RosterKind Kind,
    int RowCount,
    IReadOnlyList<NewAccount> Opened,
    IReadOnlyList<AccountChange> Changes,
    IReadOnlyList<(string Grzh, Posting Posting)> Postings,
    int? BaseAdjustedYear,
    DateOnly PostedOn,
    DateOnly? EmployerPaidUpTo)
{
    public EmployerBusinessStatus Status => EmployerBusinessStatus.Posted;
    public string Summary => $"{Kind.DisplayName()}清册 {RowCount}人";
    public string AuditDetail(string dwzh) => $"dwzh={dwzh} kind={Kind.Slug()} rows={RowCount} new={Opened.Count}";

    /// <summary>
    /// The rules of submitting, on what the store read under lock: 基数调整 once a year; not empty; every row passes
    /// again (the verdicts come back when one does not); then what each row does to its account.
    /// </summary>
    /// <param name="known">The people the rows name, read under lock with their 缴至年月 and employer's name.</param>
    public static (SubmitRosterOutcome Outcome, IReadOnlyList<RowVerdict> Verdicts, RosterBooking? Booking) Book(RosterKind kind,
        EmployerOnFile employer, IReadOnlyList<RosterRow> rows, IReadOnlyDictionary<string, KnownPerson> known, RosterCheck check,
        ContributionBaseRules rules, DateOnly today)
    {
        if (kind == RosterKind.BaseAdjust && BaseAdjustment.Problem(employer.BaseAdjustedYear, today) is not null)
            return (SubmitRosterOutcome.BaseAdjustedThisYear, [], null);
        if (rows.Count == 0) return (SubmitRosterOutcome.Empty, [], null);
        var verdicts = check.Check(kind, employer.Dwzh, rows, known, today, employer.BaseAdjustedYear);
        if (verdicts.Any(v => !v.Passes)) return (SubmitRosterOutcome.HasProblems, verdicts, null);

        var verdictByRow = verdicts.ToDictionary(v => v.RowNo);
        var opened = new List<NewAccount>();
        var changes = new List<AccountChange>();
        var postings = new List<(string, Posting)>();
        foreach (var row in rows)
        {
            var existing = verdictByRow[row.RowNo].ExistingGrzh;
            var terms = RosterCheck.ParseBase(row.Base) is { } b
                ? new ContributionTerms(b, employer.PersonalRate, employer.EmployerRate, rules.Monthly(b, employer.PersonalRate, employer.EmployerRate))
                : null;
            switch (kind)
            {
                case RosterKind.Open when existing is null:
                    opened.Add(new NewAccount(row.Name, row.IdNumber, row.Phone, terms!));
                    break;
                case RosterKind.Open or RosterKind.TransferIn:
                    var person = known[row.IdNumber];
                    changes.Add(new AccountJoins(existing!, employer.Dwzh, terms!, Later(person.PaidUpTo, employer.PaidUpTo),
                        row.Phone.Length > 0 ? row.Phone : null));
                    // The account (balance and every entry) moves as it is; a zero line marks the move in 明细账.
                    postings.Add((existing!, new Posting(today, BusinessType.TransferIn, 0m, $"自{person.EmployerName}转入{employer.Name}")));
                    break;
                case RosterKind.Seal:
                    changes.Add(new AccountSeals(row.Grzh, RosterCheck.ParseDate(row.Date)!.Value));
                    break;
                case RosterKind.Unseal:
                    changes.Add(new AccountUnseals(row.Grzh));
                    break;
                case RosterKind.BaseAdjust:
                    changes.Add(new AccountRebased(row.Grzh, terms!));
                    break;
            }
        }
        return (SubmitRosterOutcome.Posted, verdicts, new RosterBooking(kind, rows.Count, opened, changes, postings,
            kind == RosterKind.BaseAdjust ? today.Year : null, today, employer.PaidUpTo));
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
