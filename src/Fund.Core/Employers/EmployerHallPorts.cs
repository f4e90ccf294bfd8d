using Fund.Core.Accounts;

namespace Fund.Core.Employers;

/// <summary>Who transacts in the employer hall: the operator and the serial of the certificate they presented.</summary>
public sealed record Transactor(long OperatorId, string CertSerial)
{
    /// <summary>The audit trail's name for the operator.</summary>
    public string Actor => "operator:" + OperatorId;
}

/// <summary>One employee as the hall lists them; ID number and phone already masked.</summary>
public sealed record EmployeeListing(string Grzh, string Name, string MaskedIdNumber, string MaskedPhone, AccountStatus Status,
    decimal ContributionBase, decimal PersonalMonthly, decimal EmployerMonthly, decimal Balance, DateOnly? PaidUpTo, DateOnly? SealedOn);

/// <summary>One business in an employer's history.</summary>
public sealed record BusinessRecord(long Id, string Dwzh, string Kind, EmployerBusinessStatus Status, int RowCount, decimal? Amount, DateOnly? Month,
    long OperatorId, string? CertSerial, DateTimeOffset CreatedAt, DateTimeOffset? PostedAt, string Summary);

/// <summary>An open (unsubmitted) 清册 as the operator's list shows it.</summary>
public sealed record RosterDraft(long Id, DateTime CreatedAtUtc, int RowCount);

public enum PhoneChangeOutcome { Changed, NotFound, Unchanged }

/// <summary>What 职工信息修改 did: the number it replaced (to be told by SMS) when it changed one.</summary>
public sealed record PhoneChangeResult(PhoneChangeOutcome Outcome, string? OldPhone = null);

/// <summary>What the employer hall's pages read.</summary>
public interface IEmployerHallQueries
{
    Task<EmployerStanding?> StandingAsync(string dwzh, CancellationToken ct);

    /// <summary>A month this employer has remitted: how many people and how much, as posted.</summary>
    Task<(int Headcount, decimal Total)?> RemittedAsync(string dwzh, DateOnly month, CancellationToken ct);

    /// <summary>Employees of the employer, by name or 个人账号 prefix and status, 个人账号 order, one page.</summary>
    Task<(IReadOnlyList<EmployeeListing> Page, int Total)> EmployeesAsync(string dwzh, string? query, AccountStatus? status,
        int page, int pageSize, CancellationToken ct);

    /// <summary>Everyone on the employer's books with the amounts a remittance would post.</summary>
    Task<IReadOnlyList<EmployeeContribution>> ContributionsAsync(string dwzh, CancellationToken ct);

    /// <summary>The people a 清册's rows name, as the centre knows them.</summary>
    Task<Dictionary<string, KnownPerson>> KnownAsync(RosterKind kind, IReadOnlyList<RosterRow> rows, CancellationToken ct);

    /// <summary>Business history: one employer's, or every employer's posted ones (dwzh null) for the counter.</summary>
    Task<IReadOnlyList<BusinessRecord>> HistoryAsync(string? dwzh, int max, CancellationToken ct);

    Task<BusinessRecord?> BusinessAsync(long id, CancellationToken ct);
}

/// <summary>单位汇缴: books the confirmed month (<see cref="RemittanceBooking"/>) and persists it.</summary>
public interface IRemittancePosting
{
    Task<(RemittanceOutcome Outcome, long BusinessId)> PostAsync(string dwzh, DateOnly month, DateOnly today,
        int confirmedHeadcount, decimal confirmedTotal, Transactor who, CancellationToken ct);
}

/// <summary>清册 drafts, their submission (<see cref="RosterBooking"/>), and 职工信息修改.</summary>
public interface IRosterBusiness
{
    Task<long> CreateDraftAsync(string dwzh, RosterKind kind, long operatorId, IReadOnlyList<RosterRow> rows, CancellationToken ct);

    Task<long> AddToOpenDraftAsync(string dwzh, RosterKind kind, long operatorId, RosterRow row, CancellationToken ct);

    Task<IReadOnlyList<RosterDraft>> DraftsAsync(string dwzh, RosterKind kind, CancellationToken ct);

    Task<bool> DeleteDraftAsync(long id, string dwzh, long operatorId, CancellationToken ct);

    Task<bool> AddRowAsync(long id, string dwzh, RosterRow row, CancellationToken ct);

    Task<bool> DeleteRowAsync(long id, string dwzh, int rowNo, CancellationToken ct);

    Task<(RosterKind Kind, IReadOnlyList<RosterRow> Rows)?> GetDraftAsync(long id, string dwzh, CancellationToken ct);

    Task<(SubmitRosterOutcome Outcome, IReadOnlyList<RowVerdict> Verdicts)> SubmitAsync(long id, string dwzh, Transactor who,
        RosterCheck check, ContributionBaseRules rules, DateOnly today, CancellationToken ct);

    Task<PhoneChangeResult> ChangePhoneAsync(string dwzh, string grzh, string phone, Transactor who, CancellationToken ct);
}
