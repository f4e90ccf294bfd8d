using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Validation;
using Fund.Data.Security;

namespace Fund.Data.Employers;

/// <summary>One employee as the hall lists them; ID number and phone already masked.</summary>
public sealed record EmployeeListing(string Grzh, string Name, string MaskedIdNumber, string MaskedPhone, AccountStatus Status,
    decimal ContributionBase, decimal PersonalMonthly, decimal EmployerMonthly, decimal Balance, DateOnly? PaidUpTo, DateOnly? SealedOn);

/// <summary>One business in an employer's history.</summary>
public sealed record BusinessRecord(long Id, string Dwzh, string Kind, EmployerBusinessStatus Status, int RowCount, decimal? Amount, DateOnly? Month,
    long OperatorId, string? CertSerial, DateTimeOffset CreatedAt, DateTimeOffset? PostedAt, string Summary);

/// <summary>What the hall reads: employer standing, employees (filtered, paged), business history, people a 清册 names.</summary>
public sealed class EmployerHallQueries(FundDatabase db, SensitiveData sensitive)
{
    public async Task<EmployerStanding?> StandingAsync(string dwzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var r = await conn.QuerySingleOrDefaultAsync<StandingRow>(new CommandDefinition("""
            SELECT e.dwzh, e.name, e.credit_code AS CreditCode, e.employer_rate AS EmployerRate, e.personal_rate AS PersonalRate,
                   e.paid_up_to AS PaidUpTo, e.base_adjusted_year AS BaseAdjustedYear,
                   (SELECT COUNT(*) FROM personal_account a WHERE a.dwzh = e.dwzh AND a.status = @normal) AS Active,
                   (SELECT COUNT(*) FROM personal_account a WHERE a.dwzh = e.dwzh AND a.status = @sealed) AS Sealed
              FROM employer e
             WHERE e.dwzh = @dwzh
            """, new { dwzh, normal = AccountStatus.Normal.Code(), @sealed = AccountStatus.Sealed.Code() }, cancellationToken: ct));
        return r is null ? null : new EmployerStanding(r.Dwzh, r.Name, r.CreditCode, r.EmployerRate, r.PersonalRate,
            r.PaidUpTo is { } p ? DateOnly.FromDateTime(p) : null, r.BaseAdjustedYear, (int)r.Active, (int)r.Sealed);
    }

    /// <summary>Employees of the employer, by name or 个人账号 prefix and status, 个人账号 order, one page.</summary>
    public async Task<(IReadOnlyList<EmployeeListing> Page, int Total)> EmployeesAsync(string dwzh, string? query, AccountStatus? status,
        int page, int pageSize, CancellationToken ct)
    {
        var q = (query ?? "").Trim();
        var where = "a.dwzh = @dwzh" + (q.Length > 0 ? " AND (a.name LIKE @like OR a.grzh LIKE @like)" : "")
                    + (status is not null ? " AND a.status = @status" : "");
        var args = new { dwzh, like = q.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%",
            status = status?.Code(), skip = Math.Max(0, page - 1) * pageSize, take = pageSize };
        await using var conn = await db.OpenAsync(ct);
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM personal_account a WHERE {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<EmployeeRow>(new CommandDefinition($"""
            SELECT a.grzh, a.name, a.id_number_enc AS IdNumberEnc, a.phone_enc AS PhoneEnc, a.status, a.contribution_base AS ContributionBase,
                   a.personal_monthly AS PersonalMonthly, a.employer_monthly AS EmployerMonthly, a.balance, a.paid_up_to AS PaidUpTo,
                   a.sealed_on AS SealedOn
              FROM personal_account a
             WHERE {where}
             ORDER BY a.grzh
             LIMIT @skip, @take
            """, args, cancellationToken: ct));
        return (rows.Select(r => new EmployeeListing(r.Grzh, r.Name, Mask.IdNumber(sensitive.Decrypt(r.IdNumberEnc)),
            Mask.Phone(sensitive.Decrypt(r.PhoneEnc)), AccountStatusCodes.FromCode(r.Status), r.ContributionBase, r.PersonalMonthly,
            r.EmployerMonthly, r.Balance, r.PaidUpTo is { } p ? DateOnly.FromDateTime(p) : null,
            r.SealedOn is { } s ? DateOnly.FromDateTime(s) : null)).ToList(), total);
    }

    /// <summary>A month this employer has remitted: how many people and how much, as posted.</summary>
    public async Task<(int Headcount, decimal Total)?> RemittedAsync(string dwzh, DateOnly month, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<(int, decimal)?>(new CommandDefinition(
            "SELECT headcount, total FROM remittance WHERE dwzh = @dwzh AND month = @month",
            new { dwzh, month = month.ToDateTime(TimeOnly.MinValue) }, cancellationToken: ct));
    }

    /// <summary>Everyone on the employer's books with the amounts a remittance would post.</summary>
    public async Task<IReadOnlyList<EmployeeContribution>> ContributionsAsync(string dwzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await ContributionsAsync(conn, null, dwzh, ct);
    }

    /// <summary>
    /// In a transaction (booking a remittance) the employer's accounts are locked and each comes with its balance and
    /// its last 明细账 line, which the booking posts after.
    /// </summary>
    internal static async Task<IReadOnlyList<EmployeeContribution>> ContributionsAsync(MySqlConnector.MySqlConnection conn,
        MySqlConnector.MySqlTransaction? tx, string dwzh, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(string Grzh, string Name, string Status, decimal Personal, decimal Employer, DateTime? PaidUpTo,
            decimal Balance, int LastSeq)>(
            new CommandDefinition($"""
                SELECT a.grzh, a.name, a.status, a.personal_monthly, a.employer_monthly, a.paid_up_to, a.balance,
                       {(tx is null ? "0" : "(SELECT COALESCE(MAX(l.seq), 0) FROM ledger_entry l WHERE l.grzh = a.grzh)")}
                  FROM personal_account a
                 WHERE a.dwzh = @dwzh
                 ORDER BY a.grzh{(tx is null ? "" : " FOR UPDATE")}
                """, new { dwzh }, tx, cancellationToken: ct));
        return rows.Select(r => new EmployeeContribution(r.Grzh, r.Name, AccountStatusCodes.FromCode(r.Status), r.Personal, r.Employer,
            r.PaidUpTo is { } p ? DateOnly.FromDateTime(p) : null, r.Balance, r.LastSeq)).ToList();
    }

    /// <summary>The people the rows name: by ID number's blind index for 开户 and 转入, by 个人账号 otherwise.</summary>
    internal static async Task<Dictionary<string, KnownPerson>> KnownAsync(MySqlConnector.MySqlConnection conn, MySqlConnector.MySqlTransaction? tx,
        SensitiveData sensitive, RosterKind kind, IReadOnlyList<RosterRow> rows, CancellationToken ct)
    {
        var known = new Dictionary<string, KnownPerson>(StringComparer.Ordinal);
        var lockRows = tx is null ? "" : " FOR UPDATE";
        foreach (var chunk in rows.Chunk(1000))
        {
            if (kind.ByIdNumber())
            {
                // Every index a row may hold during a key rotation (current and previous key), each naming its ID number.
                var byIndex = chunk.Where(r => IdNumber.IsValid(r.IdNumber))
                    .DistinctBy(r => r.IdNumber)
                    .SelectMany(r => sensitive.BlindIndexes(SensitiveField.IdNumber, r.IdNumber).Select(idx => (Idx: Convert.ToHexString(idx), r.IdNumber)))
                    .ToDictionary(p => p.Idx, p => p.IdNumber);
                if (byIndex.Count == 0) continue;
                var found = await conn.QueryAsync<(byte[] Idx, string Grzh, string Name, string Dwzh, string Status, DateTime? PaidUpTo)>(new CommandDefinition(
                    "SELECT id_number_idx, grzh, name, dwzh, status, paid_up_to FROM personal_account WHERE id_number_idx IN @idxs" + lockRows,
                    new { idxs = byIndex.Keys.Select(Convert.FromHexString).ToArray() }, tx, cancellationToken: ct));
                foreach (var f in found)
                    known[byIndex[Convert.ToHexString(f.Idx)]] = new KnownPerson(f.Grzh, f.Name, f.Dwzh, AccountStatusCodes.FromCode(f.Status),
                        f.PaidUpTo is { } p ? DateOnly.FromDateTime(p) : null);
            }
            else
            {
                var grzhs = chunk.Select(r => r.Grzh).Where(g => g.Length == 12).Distinct().ToArray();
                if (grzhs.Length == 0) continue;
                var found = await conn.QueryAsync<(string Grzh, string Name, string Dwzh, string Status, DateTime? PaidUpTo)>(new CommandDefinition(
                    "SELECT grzh, name, dwzh, status, paid_up_to FROM personal_account WHERE grzh IN @grzhs" + lockRows, new { grzhs }, tx, cancellationToken: ct));
                foreach (var f in found)
                    known[f.Grzh] = new KnownPerson(f.Grzh, f.Name, f.Dwzh, AccountStatusCodes.FromCode(f.Status),
                        f.PaidUpTo is { } p ? DateOnly.FromDateTime(p) : null);
            }
        }
        // The employers' names for a 转入's 明细账 line, read without locking: another employer's row is not ours to hold.
        var dwzhs = known.Values.Select(k => k.Dwzh).Distinct().ToArray();
        if (kind.ByIdNumber() && dwzhs.Length > 0)
        {
            var names = (await conn.QueryAsync<(string Dwzh, string Name)>(new CommandDefinition(
                "SELECT dwzh, name FROM employer WHERE dwzh IN @dwzhs", new { dwzhs }, tx, cancellationToken: ct))).ToDictionary(e => e.Dwzh, e => e.Name);
            foreach (var (key, person) in known.ToList())
                known[key] = person with { EmployerName = names.GetValueOrDefault(person.Dwzh, "") };
        }
        return known;
    }

    public async Task<Dictionary<string, KnownPerson>> KnownAsync(RosterKind kind, IReadOnlyList<RosterRow> rows, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await KnownAsync(conn, null, sensitive, kind, rows, ct);
    }

    /// <summary>Business history: one employer's, or every employer's (dwzh null) for the counter.</summary>
    public async Task<IReadOnlyList<BusinessRecord>> HistoryAsync(string? dwzh, int max, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<BusinessRow>(new CommandDefinition($"""
            SELECT id, dwzh, kind, status, row_count AS RowCount, amount, month, operator_id AS OperatorId, cert_serial AS CertSerial,
                   created_at AS CreatedAt, posted_at AS PostedAt, summary
              FROM employer_business
             {(dwzh is null ? "WHERE status = @posted" : "WHERE dwzh = @dwzh")}
             ORDER BY id DESC
             LIMIT @max
            """, new { dwzh, max, posted = EmployerBusinessStatus.Posted }, cancellationToken: ct));
        return rows.Select(ToRecord).ToList();
    }

    public async Task<BusinessRecord?> BusinessAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var r = await conn.QuerySingleOrDefaultAsync<BusinessRow>(new CommandDefinition("""
            SELECT id, dwzh, kind, status, row_count AS RowCount, amount, month, operator_id AS OperatorId, cert_serial AS CertSerial,
                   created_at AS CreatedAt, posted_at AS PostedAt, summary
              FROM employer_business WHERE id = @id
            """, new { id }, cancellationToken: ct));
        return r is null ? null : ToRecord(r);
    }

    private static BusinessRecord ToRecord(BusinessRow r) => new(r.Id, r.Dwzh, r.Kind, (EmployerBusinessStatus)r.Status, r.RowCount, r.Amount,
        r.Month is { } m ? DateOnly.FromDateTime(m) : null, r.OperatorId, r.CertSerial, StoredTime.Utc(r.CreatedAt), StoredTime.Utc(r.PostedAt), r.Summary);

    private sealed class StandingRow
    {
        public string Dwzh { get; init; } = "";
        public string Name { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public decimal EmployerRate { get; init; }
        public decimal PersonalRate { get; init; }
        public DateTime? PaidUpTo { get; init; }
        public int? BaseAdjustedYear { get; init; }
        public long Active { get; init; }
        public long Sealed { get; init; }
    }

    private sealed class EmployeeRow
    {
        public string Grzh { get; init; } = "";
        public string Name { get; init; } = "";
        public byte[] IdNumberEnc { get; init; } = [];
        public byte[] PhoneEnc { get; init; } = [];
        public string Status { get; init; } = "";
        public decimal ContributionBase { get; init; }
        public decimal PersonalMonthly { get; init; }
        public decimal EmployerMonthly { get; init; }
        public decimal Balance { get; init; }
        public DateTime? PaidUpTo { get; init; }
        public DateTime? SealedOn { get; init; }
    }

    private sealed class BusinessRow
    {
        public long Id { get; init; }
        public string Dwzh { get; init; } = "";
        public string Kind { get; init; } = "";
        public int Status { get; init; }
        public int RowCount { get; init; }
        public decimal? Amount { get; init; }
        public DateTime? Month { get; init; }
        public long OperatorId { get; init; }
        public string? CertSerial { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? PostedAt { get; init; }
        public string Summary { get; init; } = "";
    }
}
