using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Validation;
using Fund.Data.Security;

namespace Fund.Data.Stores;

public sealed class MySqlAccountStore(FundDatabase db, SensitiveData sensitive, AccountCopies? copies = null, AccountVersions? versions = null)
    : IAccountStore
{
    private const string SelectAccount = """
        SELECT a.grzh, a.name, a.id_number_enc AS IdNumberEnc, a.phone_enc AS PhoneEnc, a.dwzh, e.name AS EmployerName,
               a.status, a.contribution_base AS ContributionBase, a.personal_rate AS PersonalRate,
               a.employer_rate AS EmployerRate, a.personal_monthly AS PersonalMonthly,
               a.employer_monthly AS EmployerMonthly, a.balance, a.paid_up_to AS PaidUpTo,
               a.opened_on AS OpenedOn, a.sealed_on AS SealedOn,
               CAST(a.data_version AS SIGNED) AS DataVersion
          FROM personal_account a
          JOIN employer e ON e.dwzh = a.dwzh
        """;

    public async Task<PersonalAccount?> GetAsync(string grzh, CancellationToken ct)
    {
        var row = await db.ReadAsync(conn => conn.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            SelectAccount + " WHERE a.grzh = @grzh", new { grzh }, cancellationToken: ct)), ct);
        return row is null ? null : ToAccount(row);
    }

    public Task<PersonalAccount?> GetBoundToAsync(string openId, CancellationToken ct) => GetBoundToAsync(openId, null, ct);

    public string? CopyCheckKeyFor(string openId) => copies?.CheckKeyFor(openId);

    /// <summary>
    /// From this instance's copy when the account's published data version says it is current (<paramref name="check"/>
    /// read by the caller, else one Redis GET), otherwise one join of binding and account, kept as the next copy.
    /// </summary>
    public async Task<PersonalAccount?> GetBoundToAsync(string openId, CopyCheck? check, CancellationToken ct)
    {
        if (copies is not null && await copies.BoundAsync(openId, check) is { } copy) return copy;
        var epoch = copies?.Epoch ?? 0;
        var row = await db.ReadAsync(conn => conn.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            SelectAccount + " JOIN wechat_binding b ON b.grzh = a.grzh WHERE b.openid = @openId", new { openId }, cancellationToken: ct)), ct);
        if (row is null) return null;
        var account = ToAccount(row);
        copies?.KeepBound(openId, account, row.DataVersion, epoch);
        return account;
    }

    /// <summary>
    /// The statement page's read: from this instance's copy while the account's published data version says it is
    /// current (one Redis GET: a past year, and this year between postings, cost no MariaDB round trip), else one
    /// round trip, kept as the next copy.
    /// </summary>
    public async Task<(PersonalAccount? Account, IReadOnlyList<int> Years, IReadOnlyList<LedgerEntry> Entries)> GetBoundWithYearAsync(
        string openId, int year, CancellationToken ct)
    {
        if (copies is not null && await copies.StatementAsync(openId, year) is { } copy) return (copy.Account, copy.Years, copy.Entries);
        var epoch = copies?.Epoch ?? 0;
        var (row, years, entries) = await db.ReadAsync(async conn =>
        {
            await using var results = await conn.QueryMultipleAsync(new CommandDefinition(
                SelectAccount + " JOIN wechat_binding b ON b.grzh = a.grzh WHERE b.openid = @openId;\n" + MySqlLedgerStore.SelectBoundYears
                + ";\n" + MySqlLedgerStore.SelectBoundYear,
                new { openId, from = new DateTime(year, 1, 1), to = new DateTime(year + 1, 1, 1) }, cancellationToken: ct));
            var row = await results.ReadSingleOrDefaultAsync<AccountRow>();
            var years = (await results.ReadAsync<int>()).ToList();
            return (row, years, MySqlLedgerStore.ToEntries(await results.ReadAsync<MySqlLedgerStore.EntryRow>()));
        }, ct);
        if (row is null) return (null, [], []);
        var account = ToAccount(row);
        copies?.KeepStatement(openId, year, new AccountCopies.StatementRead(account, years, entries), row.DataVersion, epoch);
        return (account, years, entries);
    }

    public async Task<PersonalAccount?> FindByIdNumberAsync(string idNumber, CancellationToken ct)
    {
        // During a key rotation a row not yet re-indexed still holds the previous key's index: ask for both.
        var idxs = sensitive.BlindIndexes(SensitiveField.IdNumber, IdNumber.Normalize(idNumber));
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            SelectAccount + " WHERE a.id_number_idx IN @idxs", new { idxs }, cancellationToken: ct));
        return row is null ? null : ToAccount(row);
    }

    public async Task<Employer?> GetEmployerAsync(string dwzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<EmployerRow>(new CommandDefinition("""
            SELECT dwzh, name, credit_code AS CreditCode, status, employer_rate AS EmployerRate, personal_rate AS PersonalRate
              FROM employer
             WHERE dwzh = @dwzh
            """, new { dwzh }, cancellationToken: ct));
        return row is null ? null
            : new Employer(row.Dwzh, row.Name, row.CreditCode, AccountStatusCodes.FromCode(row.Status), row.EmployerRate, row.PersonalRate);
    }

    public async Task UpsertEmployerAsync(Employer e, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO employer (dwzh, name, credit_code, status, employer_rate, personal_rate)
            VALUES (@Dwzh, @Name, @CreditCode, @status, @EmployerRate, @PersonalRate)
                ON DUPLICATE KEY UPDATE name = VALUES(name), credit_code = VALUES(credit_code), status = VALUES(status),
                   employer_rate = VALUES(employer_rate), personal_rate = VALUES(personal_rate)
            """, new { e.Dwzh, e.Name, e.CreditCode, status = e.Status.Code(), e.EmployerRate, e.PersonalRate }, cancellationToken: ct));
    }

    public async Task InsertAsync(PersonalAccount a, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO personal_account
                   (grzh, name, id_number_enc, id_number_idx, phone_enc, phone_idx, dwzh, status, contribution_base,
                    personal_rate, employer_rate, personal_monthly, employer_monthly, balance, paid_up_to, opened_on, sealed_on)
            VALUES (@Grzh, @Name, @idEnc, @idIdx, @phoneEnc, @phoneIdx, @Dwzh, @status, @ContributionBase,
                    @PersonalRate, @EmployerRate, @PersonalMonthly, @EmployerMonthly, @Balance, @paidUpTo, @openedOn, @sealedOn)
            """, new
        {
            a.Grzh, a.Name,
            idEnc = sensitive.Encrypt(a.IdNumber), idIdx = sensitive.BlindIndex(SensitiveField.IdNumber, a.IdNumber),
            phoneEnc = sensitive.Encrypt(a.Phone), phoneIdx = sensitive.BlindIndex(SensitiveField.Phone, a.Phone),
            a.Dwzh, status = a.Status.Code(), a.ContributionBase, a.PersonalRate, a.EmployerRate,
            a.PersonalMonthly, a.EmployerMonthly, a.Balance,
            paidUpTo = a.PaidUpTo?.ToDateTime(TimeOnly.MinValue), openedOn = a.OpenedOn.ToDateTime(TimeOnly.MinValue),
            sealedOn = a.SealedOn?.ToDateTime(TimeOnly.MinValue),
        }, cancellationToken: ct));
        // An account laid down again under a number that had copies (the demo seeder): they go.
        if (versions is not null) await versions.PublishAsync(a.Grzh, ct);
    }

    private PersonalAccount ToAccount(AccountRow r) => new()
    {
        Grzh = r.Grzh,
        Name = r.Name,
        IdNumber = sensitive.Decrypt(r.IdNumberEnc),
        Phone = sensitive.Decrypt(r.PhoneEnc),
        Dwzh = r.Dwzh,
        EmployerName = r.EmployerName,
        Status = AccountStatusCodes.FromCode(r.Status),
        ContributionBase = r.ContributionBase,
        PersonalRate = r.PersonalRate,
        EmployerRate = r.EmployerRate,
        PersonalMonthly = r.PersonalMonthly,
        EmployerMonthly = r.EmployerMonthly,
        Balance = r.Balance,
        PaidUpTo = r.PaidUpTo is { } p ? DateOnly.FromDateTime(p) : null,
        OpenedOn = DateOnly.FromDateTime(r.OpenedOn),
        SealedOn = r.SealedOn is { } s ? DateOnly.FromDateTime(s) : null,
    };

    private sealed class AccountRow
    {
        public string Grzh { get; init; } = "";
        public string Name { get; init; } = "";
        public byte[] IdNumberEnc { get; init; } = [];
        public byte[] PhoneEnc { get; init; } = [];
        public string Dwzh { get; init; } = "";
        public string EmployerName { get; init; } = "";
        public string Status { get; init; } = "";
        public decimal ContributionBase { get; init; }
        public decimal PersonalRate { get; init; }
        public decimal EmployerRate { get; init; }
        public decimal PersonalMonthly { get; init; }
        public decimal EmployerMonthly { get; init; }
        public decimal Balance { get; init; }
        public DateTime? PaidUpTo { get; init; }
        public DateTime OpenedOn { get; init; }
        public DateTime? SealedOn { get; init; }
        public long DataVersion { get; init; }
    }

    private sealed class EmployerRow
    {
        public string Dwzh { get; init; } = "";
        public string Name { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public string Status { get; init; } = "";
        public decimal EmployerRate { get; init; }
        public decimal PersonalRate { get; init; }
    }
}
