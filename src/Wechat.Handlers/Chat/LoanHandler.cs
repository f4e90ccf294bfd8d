using System.Text;
using Fund.Core.Accounts;
using Fund.Core.Loans;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Chat;

/// <summary>贷款信息 and 贷款进度 for the bound account.</summary>
public sealed class LoanHandler(AccountQuery accounts, GuideHandler guide)
{
    public const string NoLoansText = "您暂无公积金贷款";

    public async ValueTask<Reply> LoanInfoAsync(MessageContext ctx)
    {
        if (await ctx.GrzhAsync() is not { } grzh)
        {
            return guide.BindPrompt();
        }

        var loans = await accounts.LoansAsync(grzh, ctx.RequestAborted);
        if (loans.Count == 0)
        {
            return new TextReply(NoLoansText);
        }

        var text = new StringBuilder("【贷款信息】");
        foreach (var loan in loans)
        {
            text.Append('\n').Append('\n').Append(Describe(loan));
        }

        return new TextReply(text.ToString());
    }

    /// <summary>The latest stage of the loan being processed (or, failing that, the newest loan).</summary>
    public async ValueTask<Reply> LoanProgressAsync(MessageContext ctx)
    {
        if (await ctx.GrzhAsync() is not { } grzh)
        {
            return guide.BindPrompt();
        }

        var loans = await accounts.LoansAsync(grzh, ctx.RequestAborted);
        if (loans.Count == 0)
        {
            return new TextReply(NoLoansText);
        }

        var loan = loans.FirstOrDefault(l => l.Status == LoanStatus.InProgress) ?? loans[0];
        var stages = await accounts.ProgressAsync(loan.ContractNo, ctx.RequestAborted);
        if (stages.Count == 0)
        {
            return new TextReply($"合同编号：{loan.ContractNo}\n暂无办理进度信息，请稍后再查。");
        }

        var latest = stages[^1];
        var note = string.IsNullOrWhiteSpace(latest.Note) ? "" : $"\n说明：{latest.Note}";
        return new TextReply($"""
            【贷款进度】
            合同编号：{loan.ContractNo}
            当前环节：{latest.Stage}
            办理时间：{ChatFormat.BeijingTime(latest.At)}{note}
            已完成 {stages.Count} 个环节
            """);
    }

    private static string Describe(Loan loan)
    {
        var text = new StringBuilder()
            .Append("合同编号：").Append(loan.ContractNo)
            .Append("\n贷款金额：").Append(ChatFormat.Money(loan.Amount))
            .Append("\n贷款期限：").Append(loan.TermMonths).Append("个月")
            .Append("\n年利率：").Append(ChatFormat.Rate(loan.AnnualRate))
            .Append("\n还款方式：").Append(loan.MethodName)
            .Append("\n贷款状态：").Append(loan.StatusName)
            .Append("\n剩余本金：").Append(ChatFormat.Money(loan.OutstandingPrincipal));
        if (loan.NextDueDate is { } due)
        {
            text.Append("\n下次还款日：").Append(ChatFormat.Date(due));
        }

        if (loan.NextInstalment is { } instalment)
        {
            text.Append("\n下期应还：").Append(ChatFormat.Money(instalment));
        }

        return text.ToString();
    }
}
