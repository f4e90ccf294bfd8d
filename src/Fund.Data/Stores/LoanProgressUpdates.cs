using Dapper;
using Fund.Core.Loans;
using Fund.Core.Notifications;

namespace Fund.Data.Stores;

/// <summary>A supervisor adds a stage to a loan's 贷款进度; the stage, its audit line and the borrower's notification commit together.</summary>
public sealed class LoanProgressUpdates(FundDatabase db)
{
    public async Task<bool> AddStageAsync(string contractNo, LoanProgressStage stage, string staff, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var grzh = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT grzh FROM loan WHERE contract_no = @contractNo FOR UPDATE", new { contractNo }, tx, cancellationToken: ct));
        if (grzh is null) return false;
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO loan_progress (contract_no, stage, at, note)
            VALUES (@contractNo, @Stage, @at, @Note)
            """, new { contractNo, stage.Stage, at = stage.At.UtcDateTime, stage.Note }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, tx, AuditTrail.Staff(staff), "loan.stage", "loan:" + contractNo, "stage=" + stage.Stage, ct);
        await NotificationOutbox.EnqueueForAccountAsync(conn, tx, grzh, TemplateKeys.LoanProgress, "/h5/loans/progress",
            TemplateMessages.LoanProgress(contractNo, stage.Stage, stage.At, stage.Note), ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
