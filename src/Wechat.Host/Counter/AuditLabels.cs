using System.Globalization;
using Fund.Data.Stores;

namespace Wechat.Host.Counter;

/// <summary>The audit log as a clerk reads it: who in words, what in Chinese, amounts and reasons spelled out.</summary>
public static class AuditLabels
{
    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["withdrawal.submit"] = "提交申请",
        ["withdrawal.cancel"] = "撤回申请",
        ["withdrawal.approve"] = "审核通过（销户提取）",
        ["withdrawal.approve-partial"] = "审核通过（部分提取）",
        ["withdrawal.reject"] = "退回",
        ["withdrawal.paid"] = "标记为已到账",
        ["bankcard.reveal"] = "查看完整卡号（转账用）",
        ["bankcard.save"] = "登记银行卡",
        ["material.create"] = "创建提取材料",
        ["document.upload"] = "上传材料",
        ["document.view"] = "查看材料",
        ["loan.stage"] = "更新贷款进度",
        ["staff.login"] = "登录",
        ["staff.login-failed"] = "登录失败",
        ["staff.login-locked"] = "登录被锁定",
        ["proof.issue"] = "开具证明",
        ["proof.verify"] = "扫码核验",
        ["proof.revoke"] = "撤销证明",
        ["proof.lookup"] = "柜台查询证明",
    };

    /// <summary>A code without a label yet shows as itself, rather than hiding the line.</summary>
    public static string Action(string code) => Actions.TryGetValue(code, out var label) ? label : code;

    public static string Actor(string actor) => actor switch
    {
        _ when actor.StartsWith("staff:", StringComparison.Ordinal) => "工作人员 " + actor["staff:".Length..],
        _ when actor.StartsWith("citizen:", StringComparison.Ordinal) => "申请人",
        _ when actor.StartsWith("openid:", StringComparison.Ordinal) => "本人（微信）",
        "public" => "公众",
        _ => actor,
    };

    /// <summary>amount=224105.00 → 金额 ¥224,105.00; reason=… → 原因：…; other details are not shown.</summary>
    public static string? Detail(AuditEntry entry)
    {
        var detail = entry.Detail;
        if (detail.StartsWith("amount=", StringComparison.Ordinal)
            && decimal.TryParse(detail["amount=".Length..], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            return "金额 ¥" + amount.ToString("N2", CultureInfo.InvariantCulture);
        if (detail.StartsWith("reason=", StringComparison.Ordinal)) return "原因：" + detail["reason=".Length..];
        return null;
    }
}
