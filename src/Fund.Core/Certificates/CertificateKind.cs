namespace Fund.Core.Certificates;

/// <summary>What a certificate certifies: the account's contribution facts, or its ledger over a period.</summary>
public enum CertificateKind
{
    /// <summary>个人住房公积金缴存证明</summary>
    Deposit = 1,
    /// <summary>个人明细账</summary>
    Statement = 2,
}

/// <summary>The reason the citizen gives, printed on the certificate (the reader sees what it was issued for).</summary>
public enum CertificatePurpose
{
    Loan = 1,
    Rent = 2,
    Other = 3,
}

public static class CertificateNames
{
    public static string Title(this CertificateKind kind) => kind switch
    {
        CertificateKind.Deposit => "个人住房公积金缴存证明",
        CertificateKind.Statement => "个人住房公积金明细账",
        _ => "证明",
    };

    public static string ShortName(this CertificateKind kind) => kind switch
    {
        CertificateKind.Deposit => "缴存证明",
        CertificateKind.Statement => "明细账",
        _ => "证明",
    };

    public static string DisplayName(this CertificatePurpose purpose) => purpose switch
    {
        CertificatePurpose.Loan => "办理贷款",
        CertificatePurpose.Rent => "租房",
        _ => "其他",
    };
}
