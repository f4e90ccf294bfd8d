using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Ledger;
using Fund.Data.Stores;

namespace Fund.Data.Employers;

public enum RemittanceOutcome { Posted, AlreadyRemitted, NotDue, Changed, NobodyToRemit, NoSuchEmployer }

/// <summary>Who transacts: the operator and the serial of the certificate they presented.</summary>
public sealed record Transactor(long OperatorId, string CertSerial)
{
    public string Actor => EmployerOperatorStore.Actor(OperatorId);
}

/// <summary>
/// Posts a confirmed 单位汇缴 in one transaction: the employer row is locked first, so concurrent confirms queue and
/// the second finds the month already remitted; the remittance table's UNIQUE (dwzh, month) backs that up. Each
/// employee gets one 01 汇缴 (02 补缴 for a month in arrears) entry with the new balance and a new 缴至年月, and a
/// template message per bound employee is queued in the same transaction.
/// </summary>
public sealed class RemittancePosting(FundDatabase db)
{
    public const string StatementPath = "/h5/statement";

    public async Task<(RemittanceOutcome Outcome, long BusinessId)> PostAsync(string dwzh, DateOnly month, DateOnly today,
        int confirmedHeadcount, decimal confirmedTotal, Transactor who, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var employer = (await conn.QueryAsync<(string Dwzh, DateTime? PaidUpTo)>(new CommandDefinition(
            "SELECT dwzh, paid_up_to FROM employer WHERE dwzh = @dwzh FOR UPDATE", new { dwzh }, tx, cancellationToken: ct))).ToList();
        if (employer.Count == 0) return (RemittanceOutcome.NoSuchEmployer, 0);
        var e = employer[0];
        var schedule = new RemittanceSchedule(e.PaidUpTo is { } p ? DateOnly.FromDateTime(p) : null, PayMonths.Of(today));
        if (schedule.NextMonth != PayMonths.Of(month))
            return (schedule.NextMonth is null || PayMonths.Of(month) < schedule.NextMonth ? RemittanceOutcome.AlreadyRemitted : RemittanceOutcome.NotDue, 0);

        var plan = RemittancePlan.For(dwzh, month, today, await EmployerHallQueries.ContributionsAsync(conn, tx, dwzh, ct));
        if (plan.Headcount == 0) return (RemittanceOutcome.NobodyToRemit, 0);
        if (!plan.Matches(confirmedHeadcount, confirmedTotal)) return (RemittanceOutcome.Changed, 0);

        var businessId = await conn.QuerySingleAsync<long>(new CommandDefinition("""
            INSERT INTO employer_business (dwzh, kind, status, row_count, amount, month, operator_id, cert_serial, created_at, posted_at, summary)
            VALUES (@dwzh, 'remit', @posted, @Headcount, @Total, @month, @OperatorId, @CertSerial, UTC_TIMESTAMP(), UTC_TIMESTAMP(), @Memo);
            SELECT LAST_INSERT_ID();
            """, new { dwzh, posted = EmployerBusinessStatus.Posted, plan.Headcount, plan.Total, month = plan.Month.ToDateTime(TimeOnly.MinValue), who.OperatorId, who.CertSerial, plan.Memo },
            tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO remittance (dwzh, month, business_id, headcount, total, posted_at)
            VALUES (@dwzh, @month, @businessId, @Headcount, @Total, UTC_TIMESTAMP())
            """, new { dwzh, month = plan.Month.ToDateTime(TimeOnly.MinValue), businessId, plan.Headcount, plan.Total }, tx, cancellationToken: ct));

        // Set-based so a 10,000-employee employer posts in one statement each; the rows were locked by the plan's read.
        var args = new
        {
            dwzh, month = plan.Month.ToDateTime(TimeOnly.MinValue), type = plan.Type.Code(), plan.Memo,
            date = today.ToDateTime(TimeOnly.MinValue), normal = AccountStatus.Normal.Code(), grzhs = plan.Lines.Select(l => l.Grzh).ToArray(),
        };
        foreach (var chunk in plan.Lines.Chunk(2000))
        {
            var chunkArgs = args with { grzhs = chunk.Select(l => l.Grzh).ToArray() };
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO ledger_entry (grzh, entry_date, seq, business_type, amount, balance_after, memo)
                SELECT a.grzh, @date, COALESCE((SELECT MAX(l.seq) FROM ledger_entry l WHERE l.grzh = a.grzh), 0) + 1, @type,
                       a.personal_monthly + a.employer_monthly, a.balance + a.personal_monthly + a.employer_monthly, @Memo
                  FROM personal_account a
                 WHERE a.grzh IN @grzhs
                """, chunkArgs, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE personal_account
                   SET balance = balance + personal_monthly + employer_monthly, paid_up_to = @month
                 WHERE grzh IN @grzhs
                """, chunkArgs, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
                SELECT b.openid, '{TemplateKeys.ContributionReceived}', '{StatementPath}',
                       JSON_OBJECT('first', '您的住房公积金已到账',
                                   'keyword1', @Memo,
                                   'keyword2', CONCAT(FORMAT(a.personal_monthly + a.employer_monthly, 2), '元'),
                                   'keyword3', CONCAT(FORMAT(a.balance, 2), '元'),
                                   'remark', '单位已为您缴存住房公积金，点击查看明细账。'),
                       UTC_TIMESTAMP(), UTC_TIMESTAMP()
                  FROM personal_account a
                  JOIN wechat_binding b ON b.grzh = a.grzh
                 WHERE a.grzh IN @grzhs
                """, chunkArgs, tx, cancellationToken: ct));
        }
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE employer SET paid_up_to = @month WHERE dwzh = @dwzh", args, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, who.Actor, "employer.remit", Target(businessId),
            $"dwzh={dwzh} month={plan.Month:yyyy-MM} headcount={plan.Headcount} total={plan.Total:0.00} serial={who.CertSerial}", ct);
        await tx.CommitAsync(ct);
        return (RemittanceOutcome.Posted, businessId);
    }

    public static string Target(long businessId) => "business:" + businessId;
}
