using Dapper;
using Fund.Core.Loans;

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
            new Dictionary<string, string>
            {
                ["first"] = "您的住房公积金贷款办理进度有更新",
                ["keyword1"] = contractNo,
                ["keyword2"] = stage.Stage,
                ["keyword3"] = stage.At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm"),
                ["remark"] = string.IsNullOrEmpty(stage.Note) ? "点击查看贷款进度。" : stage.Note,
            }, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
