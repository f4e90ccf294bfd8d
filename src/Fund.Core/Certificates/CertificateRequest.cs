namespace Fund.Core.Certificates;

/// <summary>
/// What the citizen asks for. For 明细账 the period runs from the first day of <see cref="FromMonth"/> to the last
/// day of <see cref="ToMonth"/> (first days of their months).
/// </summary>
public sealed record CertificateRequest(
    CertificateKind Kind,
    CertificatePurpose Purpose,
    bool IncludeBalance = false,
    DateOnly? FromMonth = null,
    DateOnly? ToMonth = null)
{
    /// <summary>"2024-03" → 2024-03-01; null for anything else.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
