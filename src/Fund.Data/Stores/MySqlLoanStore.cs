using Dapper;
using Fund.Core.Loans;

namespace Fund.Data.Stores;

public sealed class MySqlLoanStore(FundDatabase db) : ILoanStore
{
    public async Task<IReadOnlyList<Loan>> GetByAccountAsync(string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<LoanRow>(new CommandDefinition("""
            SELECT contract_no AS ContractNo, grzh, amount, term_months AS TermMonths, annual_rate AS AnnualRate, method, status,
                   outstanding_principal AS OutstandingPrincipal, disbursed_on AS DisbursedOn, next_due_date AS NextDueDate,
                   next_instalment AS NextInstalment, property_address AS PropertyAddress
              FROM loan
             WHERE grzh = @grzh
             ORDER BY status, contract_no DESC
            """, new { grzh }, cancellationToken: ct));
        return rows.Select(r => new Loan
        {
            ContractNo = r.ContractNo, Grzh = r.Grzh, Amount = r.Amount, TermMonths = r.TermMonths, AnnualRate = r.AnnualRate,
            Method = (RepaymentMethod)r.Method, Status = (LoanStatus)r.Status, OutstandingPrincipal = r.OutstandingPrincipal,
            DisbursedOn = r.DisbursedOn is { } d ? DateOnly.FromDateTime(d) : null,
            NextDueDate = r.NextDueDate is { } n ? DateOnly.FromDateTime(n) : null,
            NextInstalment = r.NextInstalment, PropertyAddress = r.PropertyAddress,
        }).ToList();
    }

    public async Task<IReadOnlyList<LoanProgressStage>> GetProgressAsync(string contractNo, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<StageRow>(new CommandDefinition("""
            SELECT stage, at, note
              FROM loan_progress
             WHERE contract_no = @contractNo
             ORDER BY at, id
            """, new { contractNo }, cancellationToken: ct));
        return rows.Select(r => new LoanProgressStage(r.Stage, StoredTime.Utc(r.At), r.Note)).ToList();
    }

    public async Task InsertAsync(Loan l, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO loan (contract_no, grzh, amount, term_months, annual_rate, method, status, outstanding_principal,
                              disbursed_on, next_due_date, next_instalment, property_address)
            VALUES (@ContractNo, @Grzh, @Amount, @TermMonths, @AnnualRate, @method, @status, @OutstandingPrincipal,
                    @disbursedOn, @nextDue, @NextInstalment, @PropertyAddress)
            """, new
        {
            l.ContractNo, l.Grzh, l.Amount, l.TermMonths, l.AnnualRate, method = (int)l.Method, status = (int)l.Status,
            l.OutstandingPrincipal, disbursedOn = l.DisbursedOn?.ToDateTime(TimeOnly.MinValue),
            nextDue = l.NextDueDate?.ToDateTime(TimeOnly.MinValue), l.NextInstalment, l.PropertyAddress,
        }, cancellationToken: ct));
    }

    public async Task AddStageAsync(string contractNo, LoanProgressStage stage, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO loan_progress (contract_no, stage, at, note)
            VALUES (@contractNo, @Stage, @at, @Note)
            """, new { contractNo, stage.Stage, at = stage.At.UtcDateTime, stage.Note }, cancellationToken: ct));
    }

    private sealed class LoanRow
    {
        public string ContractNo { get; init; } = "";
        public string Grzh { get; init; } = "";
        public decimal Amount { get; init; }
        public int TermMonths { get; init; }
        public decimal AnnualRate { get; init; }
        public int Method { get; init; }
        public int Status { get; init; }
        public decimal OutstandingPrincipal { get; init; }
        public DateTime? DisbursedOn { get; init; }
        public DateTime? NextDueDate { get; init; }
        public decimal? NextInstalment { get; init; }
        public string PropertyAddress { get; init; } = "";
    }

    private sealed class StageRow
    {
        public string Stage { get; init; } = "";
        public DateTime At { get; init; }
        public string Note { get; init; } = "";
    }
}
