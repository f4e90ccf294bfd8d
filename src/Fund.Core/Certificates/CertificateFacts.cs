using Fund.Core.Ledger;

namespace Fund.Core.Certificates;

/// <summary>
/// Everything a certificate prints about the citizen, fixed at the moment of issue: the PDF is drawn from it and the
/// verification page shows it back, so the reader compares the paper with what the centre issued. The ID number is
/// held only masked; nothing here can be turned back into it.
/// </summary>
public sealed record CertificateFacts
{
    public required CertificateKind Kind { get; init; }
    public required string CentreName { get; init; }
    public required string Name { get; init; }
    /// <summary>Masked as printed (<see cref="Validation.Mask.IdNumber"/>).</summary>
    public required string MaskedIdNumber { get; init; }
    public required string Grzh { get; init; }
    public required string EmployerName { get; init; }
    public required DateOnly OpenedOn { get; init; }
    public required string StatusName { get; init; }
    public required string PurposeName { get; init; }

    // 缴存证明
    public decimal ContributionBase { get; init; }
    public decimal PersonalMonthly { get; init; }
    public decimal EmployerMonthly { get; init; }
    public string PaidUpToText { get; init; } = "";
    /// <summary>Printed only when the citizen asked for it.</summary>
    public decimal? Balance { get; init; }

    // 明细账
    public DateOnly? PeriodFrom { get; init; }
    public DateOnly? PeriodTo { get; init; }
    public decimal OpeningBalance { get; init; }
    public decimal ClosingBalance { get; init; }
    public IReadOnlyList<LedgerEntry> Entries { get; init; } = [];

    public decimal MonthlyDeposit => PersonalMonthly + EmployerMonthly;
    public decimal TotalIn => Entries.Where(e => e.Amount > 0).Sum(e => e.Amount);
    public decimal TotalOut => -Entries.Where(e => e.Amount < 0).Sum(e => e.Amount);
}
