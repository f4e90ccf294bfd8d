using Fund.Core;
using System.Globalization;

namespace Fund.Core.Notifications;

/// <summary>
/// The data of each template message the centre sends, in the form WeChat shows today.
/// </summary>
/// <remarks>
/// Since May 2023 WeChat no longer displays a template's <c>first</c> and <c>remark</c> lines (anything sent there
/// is filtered out), and each keyword of a historic template (<c>keyword1</c> …) shows at most 20 characters, on one
/// line, the rest folded away — WeChat's announcement 《关于规范公众号模板消息的再次公告》
/// (https://mp.weixin.qq.com/s/hvLO4Vs75NXDA__SxuyKXw) and the send API's reference
/// (https://developers.weixin.qq.com/doc/service/api/notify/template/api_sendtemplatemessage, data as
/// <c>{"key": {"value": …}}</c>). Category templates type their fields and refuse a value out of shape with 47003
/// (<c>thing</c> ≤ 20 characters, <c>amount</c> a currency sign or 元 with at most 10 digits and no grouping commas,
/// <c>character_string</c> ≤ 32 letters, digits or symbols; Template_Message_Interface.html#类目模板消息).
/// So everything that matters — amount, card tail, status, date, reason — goes into keyword fields, each at most
/// 20 characters on one line, amounts without commas; the status page behind the message's link has the rest.
/// </remarks>
public static class TemplateMessages
{
    public const int MaxFieldLength = 20;

    /// <summary>A template as the official account's back office defines it: its title and the label of each keyword.</summary>
    public sealed record Layout(string Title, IReadOnlyList<string> Labels);

    /// <summary>
    /// The centre's templates by their configuration key (<c>Wechat:Templates:{key}</c>), in the order of this
    /// class's fields: what a phone shows beside each value, and what the Development simulator shows too.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Layout> Layouts = new Dictionary<string, Layout>(StringComparer.Ordinal)
    {
        ["WithdrawalApproved"] = new("提取审核通过通知", ["提取类型", "提取金额", "收款账户", "办理状态", "办理日期"]),
        ["WithdrawalRejected"] = new("提取申请退回通知", ["提取类型", "办理状态", "退回原因", "办理日期"]),
        ["WithdrawalPaid"] = new("提取款到账通知", ["提取类型", "转账金额", "收款账户", "办理状态", "转账日期"]),
        ["LoanProgress"] = new("贷款办理进度通知", ["合同编号", "办理环节", "办理时间", "备注"]),
        ["ContributionReceived"] = new("缴存到账通知", ["业务摘要", "缴存金额", "账户余额"]),
        ["AccountSecurity"] = new("账户安全提醒", ["账户", "变动情况", "温馨提示"]),
    };

    /// <summary>The label of <c>keywordN</c> in <paramref name="layout"/>, or the field's own name.</summary>
    public static string LabelOf(Layout layout, string field) =>
        field.StartsWith("keyword", StringComparison.Ordinal) && int.TryParse(field.AsSpan(7), out var n) && n >= 1 && n <= layout.Labels.Count
            ? layout.Labels[n - 1]
            : field;

    /// <summary>提取审核通过: type, amount, the card it goes to, status, date.</summary>
    public static IReadOnlyDictionary<string, string> WithdrawalApproved(string typeName, decimal amount, string? cardLast4, DateOnly on) =>
        Fields(typeName, Amount(amount), CardTail(cardLast4), "审核通过，待转账", Date(on));

    /// <summary>提取退回: type, status, the reason (clipped; in full on the status page), date.</summary>
    public static IReadOnlyDictionary<string, string> WithdrawalRejected(string typeName, string reason, DateOnly on) =>
        Fields(typeName, "未通过，已退回", reason, Date(on));

    /// <summary>提取款已转出: type, amount, the card it went to, status, date.</summary>
    public static IReadOnlyDictionary<string, string> WithdrawalPaid(string typeName, decimal amount, string? cardLast4, DateOnly on) =>
        Fields(typeName, Amount(amount), CardTail(cardLast4), "已转账，请查收", Date(on));

    /// <summary>缴存到账 (单位汇缴, 补缴): what was remitted (2026年11月汇缴), the amount, the balance after it.</summary>
    public static IReadOnlyDictionary<string, string> ContributionReceived(string memo, decimal amount, decimal balanceAfter) =>
        Fields(memo, Amount(amount), Amount(balanceAfter));

    /// <summary>贷款进度: contract, stage, when, and the note when there is one.</summary>
    public static IReadOnlyDictionary<string, string> LoanProgress(string contractNo, string stage, DateTimeOffset at, string? note)
    {
        var time = at.ToOffset(CentreClock.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return string.IsNullOrWhiteSpace(note) ? Fields(contractNo, stage, time) : Fields(contractNo, stage, time, note);
    }

    /// <summary>
    /// 预留手机号由单位修改 (an account security notice, keyword1–3): the account, the new number masked, what to do if
    /// the employee did not ask for it. The number of record receives the account's SMS codes, so the change is news
    /// the employee must get.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PhoneChangedByEmployer(string grzh, string newPhone) =>
        Fields("个人账号 " + Validation.Mask.AccountNumber(grzh), "预留手机改为" + Validation.Mask.Phone(newPhone), "如非本人申请请联系单位或拨打" + CentreContact.Hotline);

    /// <summary>224105.5 → 224105.50元: digits only, as WeChat's amount fields require.</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture) + "元";

    /// <summary>One line of at most <see cref="MaxFieldLength"/> characters, ending in … when cut.</summary>
    public static string Fit(string value)
    {
        var line = string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxFieldLength ? line : line[..(MaxFieldLength - 1)] + "…";
    }

    private static string CardTail(string? last4) => string.IsNullOrEmpty(last4) ? "登记的银行卡" : "尾号" + last4 + "的银行卡";

    private static string Date(DateOnly on) => on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fields(params string[] values)
    {
        var fields = new Dictionary<string, string>(values.Length);
        for (var i = 0; i < values.Length; i++) fields["keyword" + (i + 1)] = Fit(values[i]);
        return fields;
    }
}
