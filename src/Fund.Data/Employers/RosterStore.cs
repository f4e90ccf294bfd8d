using System.Text;
using System.Text.Json;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Ledger;
using Fund.Core.Notifications;
using Fund.Data.Security;
using Fund.Data.Stores;
using MySqlConnector;

namespace Fund.Data.Employers;

/// <summary>
/// 清册 drafts and their submission. Draft rows are stored encrypted (they hold ID numbers and phones). Submitting
/// persists what <see cref="RosterBooking"/> decides on the rows re-read and re-checked under lock: all of them or none.
/// </summary>
public sealed class RosterStore(FundDatabase db, SensitiveData sensitive, AccountVersions versions) : IRosterBusiness
{
    public async Task<long> CreateDraftAsync(string dwzh, RosterKind kind, long operatorId, IReadOnlyList<RosterRow> rows, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await InsertDraftAsync(conn, tx, dwzh, kind, operatorId, ct);
        await InsertRowsAsync(conn, tx, id, rows, ct);
        await AuditTrail.WriteAsync(conn, tx, EmployerOperatorStore.Actor(operatorId), "roster.draft", RemittancePosting.Target(id),
            $"dwzh={dwzh} kind={kind.Slug()} rows={rows.Count}", ct);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>
    /// A single entry on the 清册 page: appended to this employer's newest open draft of the kind, or to a new one when
    /// there is none, so entries typed one by one make one 清册 (not one draft each). Returns the draft's id.
    /// </summary>
    public async Task<long> AddToOpenDraftAsync(string dwzh, RosterKind kind, long operatorId, RosterRow row, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The employer row serialises two first entries arriving at once: both land in the one draft.
        await conn.ExecuteAsync(new CommandDefinition("SELECT dwzh FROM employer WHERE dwzh = @dwzh FOR UPDATE", new { dwzh }, tx, cancellationToken: ct));
        var id = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            SELECT id FROM employer_business WHERE dwzh = @dwzh AND kind = @kind AND status = @draft ORDER BY id DESC LIMIT 1 FOR UPDATE
            """, new { dwzh, kind = kind.Slug(), draft = EmployerBusinessStatus.Draft }, tx, cancellationToken: ct));
        if (id is null)
        {
            id = await InsertDraftAsync(conn, tx, dwzh, kind, operatorId, ct);
            await AuditTrail.WriteAsync(conn, tx, EmployerOperatorStore.Actor(operatorId), "roster.draft", RemittancePosting.Target(id.Value),
                $"dwzh={dwzh} kind={kind.Slug()} rows=1", ct);
        }
        await InsertRowsAsync(conn, tx, id.Value, [row with { RowNo = await NextRowNoAsync(conn, tx, id.Value, ct) }], ct);
        await tx.CommitAsync(ct);
        return id.Value;
    }

    /// <summary>This employer's open drafts of a kind, newest first.</summary>
    public async Task<IReadOnlyList<RosterDraft>> DraftsAsync(string dwzh, RosterKind kind, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<RosterDraft>(new CommandDefinition("""
            SELECT id AS Id, created_at AS CreatedAtUtc, row_count AS RowCount
              FROM employer_business WHERE dwzh = @dwzh AND kind = @kind AND status = @draft ORDER BY id DESC
            """, new { dwzh, kind = kind.Slug(), draft = EmployerBusinessStatus.Draft }, cancellationToken: ct))).ToList();
    }

    /// <summary>Deletes an open draft of this employer with its rows (a submitted 清册 stays); the audit row keeps who and how many.</summary>
    public async Task<bool> DeleteDraftAsync(long id, string dwzh, long operatorId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var draft = await conn.QuerySingleOrDefaultAsync<(string Kind, int RowCount)?>(new CommandDefinition(
            "SELECT kind, row_count FROM employer_business WHERE id = @id AND dwzh = @dwzh AND status = @draft FOR UPDATE", new { id, dwzh, draft = EmployerBusinessStatus.Draft }, tx, cancellationToken: ct));
        if (draft is not { } d) return false;
        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM employer_business_row WHERE business_id = @id;
            DELETE FROM employer_business WHERE id = @id;
            """, new { id }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, EmployerOperatorStore.Actor(operatorId), "roster.discard", RemittancePosting.Target(id),
            $"dwzh={dwzh} kind={d.Kind} rows={d.RowCount}", ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Appends a row (numbered after the last) to a draft of this employer.</summary>
    public async Task<bool> AddRowAsync(long id, string dwzh, RosterRow row, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var open = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM employer_business WHERE id = @id AND dwzh = @dwzh AND status = @draft FOR UPDATE", new { id, dwzh, draft = EmployerBusinessStatus.Draft }, tx, cancellationToken: ct));
        if (open is null) return false;
        await InsertRowsAsync(conn, tx, id, [row with { RowNo = await NextRowNoAsync(conn, tx, id, ct) }], ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> DeleteRowAsync(long id, string dwzh, int rowNo, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var n = await conn.ExecuteAsync(new CommandDefinition("""
            DELETE r FROM employer_business_row r JOIN employer_business b ON b.id = r.business_id
             WHERE r.business_id = @id AND r.row_no = @rowNo AND b.dwzh = @dwzh AND b.status = @draft
            """, new { id, dwzh, rowNo, draft = EmployerBusinessStatus.Draft }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE employer_business SET row_count = (SELECT COUNT(*) FROM employer_business_row WHERE business_id = @id) WHERE id = @id",
            new { id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return n == 1;
    }

    /// <summary>A draft of this employer with its rows in order, or null.</summary>
    public async Task<(RosterKind Kind, IReadOnlyList<RosterRow> Rows)?> GetDraftAsync(long id, string dwzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var kind = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT kind FROM employer_business WHERE id = @id AND dwzh = @dwzh AND status = @draft", new { id, dwzh, draft = EmployerBusinessStatus.Draft }, cancellationToken: ct));
        if (kind is null || RosterKinds.FromSlug(kind) is not { } k) return null;
        return (k, await RowsAsync(conn, null, id, ct));
    }

    /// <summary>
    /// Posts the draft in one transaction: locks the employer, then the accounts the rows name, and hands what it read
    /// to <see cref="RosterBooking"/>, which re-checks every row and says what each does; that is written as it is,
    /// all rows or none. Returns the verdicts when some row fails.
    /// </summary>
    public async Task<(SubmitRosterOutcome Outcome, IReadOnlyList<RowVerdict> Verdicts)> SubmitAsync(long id, string dwzh, Transactor who,
        RosterCheck check, ContributionBaseRules rules, DateOnly today, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var employer = (await conn.QueryAsync<(string Name, decimal EmployerRate, decimal PersonalRate, DateTime? PaidUpTo, int? BaseAdjustedYear)>(
            new CommandDefinition("""
                SELECT name, employer_rate, personal_rate, paid_up_to, base_adjusted_year FROM employer WHERE dwzh = @dwzh FOR UPDATE
                """, new { dwzh }, tx, cancellationToken: ct))).SingleOrDefault();
        var kindSlug = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT kind FROM employer_business WHERE id = @id AND dwzh = @dwzh AND status = @draft FOR UPDATE",
            new { id, dwzh, draft = EmployerBusinessStatus.Draft }, tx, cancellationToken: ct));
        if (employer.Name is null || kindSlug is null || RosterKinds.FromSlug(kindSlug) is not { } kind) return (SubmitRosterOutcome.NotFound, []);
        var onFile = new EmployerOnFile(dwzh, employer.Name, employer.PersonalRate, employer.EmployerRate,
            employer.PaidUpTo is { } p ? DateOnly.FromDateTime(p) : null, employer.BaseAdjustedYear);
        var rows = kind == RosterKind.BaseAdjust && BaseAdjustment.Problem(onFile.BaseAdjustedYear, today) is not null ? [] : await RowsAsync(conn, tx, id, ct);
        var known = rows.Count == 0 ? [] : await EmployerHallQueries.KnownAsync(conn, tx, sensitive, kind, rows, ct);
        var (outcome, verdicts, booking) = RosterBooking.Book(kind, onFile, rows, known, check, rules, today);
        if (booking is null) return (outcome, verdicts);

        await PersistAsync(conn, tx, id, dwzh, booking, who, ct);
        await tx.CommitAsync(ct);
        // Joined, sealed, unsealed, rebased and posted accounts: their copies on every instance go at once.
        await versions.PublishAsync(booking.Changes.Select(c => c.Grzh).Concat(booking.Postings.Select(p => p.Grzh)), ct);
        return (SubmitRosterOutcome.Posted, verdicts);
    }

    private async Task PersistAsync(MySqlConnection conn, MySqlTransaction tx, long id, string dwzh, RosterBooking booking, Transactor who,
        CancellationToken ct)
    {
        foreach (var change in booking.Changes)
            await ApplyAsync(conn, tx, change, ct);
        foreach (var (grzh, posting) in booking.Postings)
            await LedgerLines.PostAsync(conn, tx, grzh, [posting], ct);
        if (booking.Opened.Count > 0)
            await OpenAccountsAsync(conn, tx, dwzh, booking.EmployerPaidUpTo, booking.PostedOn, booking.Opened, ct);
        if (booking.BaseAdjustedYear is { } year)
            await conn.ExecuteAsync(new CommandDefinition("UPDATE employer SET base_adjusted_year = @year WHERE dwzh = @dwzh",
                new { year, dwzh }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE employer_business SET status = @Status, posted_at = UTC_TIMESTAMP(), cert_serial = @CertSerial, row_count = @RowCount,
                   summary = @Summary
             WHERE id = @id
            """, new { id, booking.Status, who.CertSerial, booking.RowCount, booking.Summary }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, who.Actor, "roster.submit", RemittancePosting.Target(id),
            $"{booking.AuditDetail(dwzh)} serial={who.CertSerial}", ct);
    }

    /// <summary>One account change of a 清册, as Core decided it.</summary>
    private Task ApplyAsync(MySqlConnection conn, MySqlTransaction tx, AccountChange change, CancellationToken ct) => change switch
    {
        AccountJoins j => conn.ExecuteAsync(new CommandDefinition("""
            UPDATE personal_account
               SET dwzh = @Dwzh, status = @normal, sealed_on = NULL, contribution_base = @base,
                   personal_rate = @pr, employer_rate = @er, personal_monthly = @pm, employer_monthly = @em, paid_up_to = @paidUpTo,
                   phone_enc = COALESCE(@phoneEnc, phone_enc), phone_idx = COALESCE(@phoneIdx, phone_idx)
             WHERE grzh = @Grzh
            """, new { j.Grzh, j.Dwzh, normal = AccountStatus.Normal.Code(), @base = j.Terms.Base, pr = j.Terms.PersonalRate,
                er = j.Terms.EmployerRate, pm = j.Terms.Monthly.Personal, em = j.Terms.Monthly.Employer,
                paidUpTo = j.PaidUpTo?.ToDateTime(TimeOnly.MinValue),
                phoneEnc = j.Phone is { } phone ? sensitive.Encrypt(phone) : null,
                phoneIdx = j.Phone is { } ph ? sensitive.BlindIndex(SensitiveField.Phone, ph) : null }, tx, cancellationToken: ct)),
        AccountSeals s => conn.ExecuteAsync(new CommandDefinition(
            "UPDATE personal_account SET status = @sealed, sealed_on = @sealedOn WHERE grzh = @Grzh",
            new { s.Grzh, @sealed = AccountStatus.Sealed.Code(), sealedOn = s.SealedOn.ToDateTime(TimeOnly.MinValue) }, tx, cancellationToken: ct)),
        AccountUnseals u => conn.ExecuteAsync(new CommandDefinition(
            "UPDATE personal_account SET status = @normal, sealed_on = NULL WHERE grzh = @Grzh",
            new { u.Grzh, normal = AccountStatus.Normal.Code() }, tx, cancellationToken: ct)),
        AccountRebased r => conn.ExecuteAsync(new CommandDefinition("""
            UPDATE personal_account SET contribution_base = @base, personal_monthly = @pm, employer_monthly = @em,
                   personal_rate = @pr, employer_rate = @er
             WHERE grzh = @Grzh
            """, new { r.Grzh, @base = r.Terms.Base, pm = r.Terms.Monthly.Personal, em = r.Terms.Monthly.Employer, pr = r.Terms.PersonalRate,
                er = r.Terms.EmployerRate }, tx, cancellationToken: ct)),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "No persistence for this account change."),
    };

    /// <summary>
    /// 职工信息修改: the employee's phone, in one transaction with its business row, its audit line and the template
    /// message that tells the employee (the number of record receives their SMS codes). The same number changes
    /// nothing. Returns the replaced number, for the caller to tell it by SMS.
    /// </summary>
    public async Task<PhoneChangeResult> ChangePhoneAsync(string dwzh, string grzh, string phone, Transactor who, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var account = (await conn.QueryAsync<byte[]?>(new CommandDefinition(
            "SELECT phone_enc FROM personal_account WHERE grzh = @grzh AND dwzh = @dwzh FOR UPDATE", new { grzh, dwzh }, tx, cancellationToken: ct))).ToList();
        if (account.Count == 0) return new(PhoneChangeOutcome.NotFound);
        var oldPhone = account[0] is { Length: > 0 } stored ? sensitive.Decrypt(stored) : null;
        if (EmployeePhoneChange.Against(oldPhone, phone) is not null) return new(PhoneChangeOutcome.Unchanged, oldPhone);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE personal_account SET phone_enc = @enc, phone_idx = @idx WHERE grzh = @grzh AND dwzh = @dwzh",
            new { enc = sensitive.Encrypt(phone), idx = sensitive.BlindIndex(SensitiveField.Phone, phone), grzh, dwzh }, tx, cancellationToken: ct));
        var businessId = await conn.QuerySingleAsync<long>(new CommandDefinition("""
            INSERT INTO employer_business (dwzh, kind, status, row_count, operator_id, cert_serial, created_at, posted_at, summary)
            VALUES (@dwzh, 'phone', @posted, 1, @OperatorId, @CertSerial, UTC_TIMESTAMP(), UTC_TIMESTAMP(), @summary);
            SELECT LAST_INSERT_ID();
            """, new { dwzh, posted = EmployerBusinessStatus.Posted, who.OperatorId, who.CertSerial, summary = "职工信息修改 " + grzh }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, who.Actor, "employee.phone", RemittancePosting.Target(businessId),
            $"dwzh={dwzh} grzh={grzh} serial={who.CertSerial}", ct);
        await NotificationOutbox.EnqueueForAccountAsync(conn, tx, grzh, TemplateKeys.AccountSecurity, "/h5/settings/phone",
            TemplateMessages.PhoneChangedByEmployer(grzh, phone), ct);
        await tx.CommitAsync(ct);
        await versions.PublishAsync(grzh, ct);
        return new(PhoneChangeOutcome.Changed, oldPhone);
    }

    private async Task OpenAccountsAsync(MySqlConnection conn, MySqlTransaction tx, string dwzh, DateOnly? paidUpTo, DateOnly openedOn,
        IReadOnlyList<NewAccount> accounts, CancellationToken ct)
    {
        foreach (var chunk in accounts.Chunk(500))
        {
            // Multi-row inserts take consecutive AUTO_INCREMENT values, so the first id numbers the whole chunk.
            var first = await conn.QuerySingleAsync<long>(new CommandDefinition(
                "INSERT INTO account_number () VALUES " + string.Join(",", Enumerable.Repeat("()", chunk.Length)) + "; SELECT LAST_INSERT_ID();",
                transaction: tx, cancellationToken: ct));
            var sql = new StringBuilder("""
                INSERT INTO personal_account (grzh, name, id_number_enc, id_number_idx, phone_enc, phone_idx, dwzh, status, contribution_base,
                       personal_rate, employer_rate, personal_monthly, employer_monthly, balance, paid_up_to, opened_on) VALUES
                """);
            var p = new DynamicParameters(new { dwzh, normal = AccountStatus.Normal.Code(), paidUpTo = paidUpTo?.ToDateTime(TimeOnly.MinValue),
                openedOn = openedOn.ToDateTime(TimeOnly.MinValue) });
            for (var i = 0; i < chunk.Length; i++)
            {
                var a = chunk[i];
                if (i > 0) sql.Append(',');
                sql.Append($"(@g{i}, @n{i}, @ie{i}, @ii{i}, @pe{i}, @pi{i}, @dwzh, @normal, @b{i}, @pr{i}, @er{i}, @pm{i}, @em{i}, 0, @paidUpTo, @openedOn)");
                p.Add("g" + i, AccountNumbers.OpenedOnline(first + i));
                p.Add("n" + i, a.Name);
                p.Add("ie" + i, sensitive.Encrypt(a.IdNumber));
                p.Add("ii" + i, sensitive.BlindIndex(SensitiveField.IdNumber, a.IdNumber));
                p.Add("pe" + i, sensitive.Encrypt(a.Phone));
                p.Add("pi" + i, sensitive.BlindIndex(SensitiveField.Phone, a.Phone));
                p.Add("b" + i, a.Terms.Base);
                p.Add("pr" + i, a.Terms.PersonalRate);
                p.Add("er" + i, a.Terms.EmployerRate);
                p.Add("pm" + i, a.Terms.Monthly.Personal);
                p.Add("em" + i, a.Terms.Monthly.Employer);
            }
            await conn.ExecuteAsync(new CommandDefinition(sql.ToString(), p, tx, cancellationToken: ct));
        }
    }

    private async Task InsertRowsAsync(MySqlConnection conn, MySqlTransaction tx, long id, IReadOnlyList<RosterRow> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(500))
        {
            var sql = new StringBuilder("INSERT INTO employer_business_row (business_id, row_no, row_enc) VALUES ");
            var p = new DynamicParameters(new { id });
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0) sql.Append(',');
                sql.Append($"(@id, @r{i}, @e{i})");
                p.Add("r" + i, chunk[i].RowNo);
                p.Add("e" + i, sensitive.Encrypt(JsonSerializer.Serialize(chunk[i])));
            }
            await conn.ExecuteAsync(new CommandDefinition(sql.ToString(), p, tx, cancellationToken: ct));
        }
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE employer_business SET row_count = (SELECT COUNT(*) FROM employer_business_row WHERE business_id = @id) WHERE id = @id",
            new { id }, tx, cancellationToken: ct));
    }

    private static Task<long> InsertDraftAsync(MySqlConnection conn, MySqlTransaction tx, string dwzh, RosterKind kind, long operatorId, CancellationToken ct) =>
        conn.QuerySingleAsync<long>(new CommandDefinition("""
            INSERT INTO employer_business (dwzh, kind, status, row_count, operator_id, created_at, summary)
            VALUES (@dwzh, @kind, @draft, 0, @operatorId, UTC_TIMESTAMP(), @summary);
            SELECT LAST_INSERT_ID();
            """, new { dwzh, kind = kind.Slug(), draft = EmployerBusinessStatus.Draft, operatorId, summary = kind.DisplayName() + "清册" }, tx, cancellationToken: ct));

    /// <summary>Typed rows number from 1; rows added to an import's draft follow its last spreadsheet row.</summary>
    private static Task<int> NextRowNoAsync(MySqlConnection conn, MySqlTransaction tx, long id, CancellationToken ct) =>
        conn.QuerySingleAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(row_no), 0) + 1 FROM employer_business_row WHERE business_id = @id", new { id }, tx, cancellationToken: ct));

    private async Task<IReadOnlyList<RosterRow>> RowsAsync(MySqlConnection conn, MySqlTransaction? tx, long id, CancellationToken ct)
    {
        var stored = await conn.QueryAsync<byte[]>(new CommandDefinition(
            "SELECT row_enc FROM employer_business_row WHERE business_id = @id ORDER BY row_no", new { id }, tx, cancellationToken: ct));
        return stored.Select(s => JsonSerializer.Deserialize<RosterRow>(sensitive.Decrypt(s))!).ToList();
    }
}
