namespace Fund.Core.Withdrawals;

/// <summary>What an uploaded document shows; the counter clerk checks it against the type's requirements.</summary>
public enum DocumentKind
{
    IdCardFront = 1,         // 身份证人像面
    IdCardBack = 2,          // 身份证国徽面
    TerminationProof = 3,    // 解除（终止）劳动合同证明
    HouseholdCancellation = 4, // 户口注销证明 / 定居证明
    RetirementCertificate = 5, // 退休证 / 退休审批表
}

public static class DocumentKinds
{
    public static string DisplayName(this DocumentKind kind) => kind switch
    {
        DocumentKind.IdCardFront => "身份证人像面",
        DocumentKind.IdCardBack => "身份证国徽面",
        DocumentKind.TerminationProof => "解除（终止）劳动关系证明",
        DocumentKind.HouseholdCancellation => "户口注销证明或定居证明",
        DocumentKind.RetirementCertificate => "退休证或退休审批表",
        _ => "其他材料",
    };

    /// <summary>What a type needs before it can be submitted. A retirement certificate is optional for retirement
    /// when the statutory age is already reached.</summary>
    public static IReadOnlyList<DocumentKind> Required(WithdrawalType type) => type switch
    {
        WithdrawalType.EmploymentEnded => [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.TerminationProof],
        WithdrawalType.SettledAbroad => [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.HouseholdCancellation],
        WithdrawalType.Retirement => [DocumentKind.IdCardFront, DocumentKind.IdCardBack],
        _ => [],
    };

    /// <summary>Kinds a citizen may upload for a type.</summary>
    public static IReadOnlyList<DocumentKind> Offered(WithdrawalType type) => type == WithdrawalType.Retirement
        ? [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.RetirementCertificate]
        : Required(type);
}
