namespace Fund.Core.Developments;

/// <summary>合作楼盘: a development whose buyers may use a provident fund loan. Status is 在售, 售罄 or 在建.</summary>
public sealed record PartnerDevelopment(
    int Id, string Name, string Developer, string District, string Address, string Status, bool IsDemo);

/// <summary>What the detail page adds to a development: each part optional, the centre fills in what it knows.</summary>
public sealed record PartnerDevelopmentDetails(
    PartnerDevelopment Development, string? SalesPhone, string? PriceNote, string? LoanBanks, string? PresalePermit,
    string? Handover, string? Description);

public interface IPartnerDevelopmentStore
{
    /// <summary>
    /// Developments whose name, developer or district contains <paramref name="text"/> (any when null or blank),
    /// in <paramref name="district"/> when given; ordered by district, then name.
    /// </summary>
    Task<IReadOnlyList<PartnerDevelopment>> SearchAsync(string? text, string? district, CancellationToken ct);

    /// <summary>The districts that have at least one development, for the filter.</summary>
    Task<IReadOnlyList<string>> DistrictsAsync(CancellationToken ct);

    /// <summary>One development with its details, or null when there is no such id.</summary>
    Task<PartnerDevelopmentDetails?> DetailsAsync(int id, CancellationToken ct);
}
