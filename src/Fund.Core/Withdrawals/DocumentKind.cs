namespace Fund.Core.Withdrawals;

/// <summary>What an uploaded document shows; the counter clerk checks it against the type's requirements.</summary>
public enum DocumentKind
{
    IdCardFront = 1,         // 身份证人像面
    IdCardBack = 2,          // 身份证国徽面
    TerminationProof = 3,    // 解除（终止）劳动合同证明
    HouseholdCancellation = 4, // 户口注销证明 / 定居证明
    RetirementCertificate = 5, // 退休证 / 退休审批表
    RentContract = 6,          // 房屋租赁合同 / 租赁备案证明
    NoHouseStatement = 7,      // 无房声明 (signed by the citizen)
    PurchaseContract = 8,      // 购房合同 / 不动产权证书
    PurchaseInvoice = 9,       // 购房发票
    LoanContract = 10,         // 借款合同
    RepaymentRecord = 11,      // 还款明细 / 银行流水
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
        DocumentKind.RentContract => "房屋租赁合同或租赁备案证明",
        DocumentKind.NoHouseStatement => "无房声明（本人签字）",
        DocumentKind.PurchaseContract => "购房合同或不动产权证书",
        DocumentKind.PurchaseInvoice => "购房发票",
        DocumentKind.LoanContract => "借款合同",
        DocumentKind.RepaymentRecord => "还款明细或银行流水",
        _ => "其他材料",
    };

    /// <summary>
    /// What a type needs before it can be submitted. A retirement certificate is optional for retirement when the
    /// statutory age is already reached. 租房 needs the proof its material names: the lease or the 无房声明.
    /// </summary>
    public static IReadOnlyList<DocumentKind> Required(WithdrawalType type, IReadOnlyDictionary<string, string>? facts = null) => type switch
    {
        WithdrawalType.EmploymentEnded => [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.TerminationProof],
        WithdrawalType.SettledAbroad => [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.HouseholdCancellation],
        WithdrawalType.Retirement => [DocumentKind.IdCardFront, DocumentKind.IdCardBack],
        WithdrawalType.Rent => [DocumentKind.IdCardFront, DocumentKind.IdCardBack,
            facts?.GetValueOrDefault("proof") == MaterialFields.ProofRentContract ? DocumentKind.RentContract : DocumentKind.NoHouseStatement],
        WithdrawalType.HousePurchase => [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.PurchaseContract],
        WithdrawalType.RepayLoan => [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.LoanContract, DocumentKind.RepaymentRecord],
        _ => [],
    };

    /// <summary>Kinds a citizen may upload for a type.</summary>
    public static IReadOnlyList<DocumentKind> Offered(WithdrawalType type) => type switch
    {
        WithdrawalType.Retirement => [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.RetirementCertificate],
        WithdrawalType.Rent => [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.NoHouseStatement, DocumentKind.RentContract],
        WithdrawalType.HousePurchase => [DocumentKind.IdCardFront, DocumentKind.IdCardBack, DocumentKind.PurchaseContract, DocumentKind.PurchaseInvoice],
        _ => Required(type),
    };
}
