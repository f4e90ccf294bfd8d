using Fund.Core.Accounts;

namespace Fund.Core.Withdrawals;

/// <summary>
/// When a citizen may add or remove documents. Documents belong to a material until an application is submitted
/// with them; from then on they are the application's and never change, so a decision always rests on what the
/// clerk saw, and a rejected application's files do not carry into the next one.
/// </summary>
public static class DocumentRules
{
    /// <summary>Files per material and kind: front and back may need a retake, a certificate several pages.</summary>
    public const int MaxFilesPerKind = 3;

    /// <summary>Why an upload of <paramref name="kind"/> must be refused now, or null.</summary>
    public static string? UploadProblem(WithdrawalType type, DocumentKind kind, AccountStatus accountStatus, bool applicationOpen, int filesOfKind)
    {
        if (ChangeProblem(accountStatus, applicationOpen) is { } problem) return problem;
        if (!DocumentKinds.Offered(type).Contains(kind)) return "请选择材料类型";
        if (filesOfKind >= MaxFilesPerKind) return $"每类材料最多上传{MaxFilesPerKind}个文件，请先删除不需要的文件";
        return null;
    }

    /// <summary>Why the citizen's materials, documents or card cannot be changed now, or null.</summary>
    public static string? ChangeProblem(AccountStatus accountStatus, bool applicationOpen) =>
        accountStatus == AccountStatus.Closed ? "账户已提取销户，不能再修改提取材料"
        : applicationOpen ? "申请已提交，材料和银行卡不能再修改；如需修改，请先撤销申请"
        : null;
}
