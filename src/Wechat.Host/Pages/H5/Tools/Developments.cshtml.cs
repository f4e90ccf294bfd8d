using Fund.Core.Developments;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.H5.Tools;

/// <summary>合作楼盘: search by name, developer or district (?q=), optionally within one district (?district=).</summary>
public sealed class DevelopmentsModel(IPartnerDevelopmentStore developments) : PageModel
{
    private const int MaxQueryLength = 50;

    public string Q { get; private set; } = "";
    public string District { get; private set; } = "";
    public IReadOnlyList<string> Districts { get; private set; } = [];
    public IReadOnlyList<PartnerDevelopment> Results { get; private set; } = [];

    public async Task OnGetAsync(string? q, string? district, CancellationToken ct)
    {
        Q = Clip(q);
        District = Clip(district);
        Districts = await developments.DistrictsAsync(ct);
        Results = await developments.SearchAsync(Q, District, ct);
    }

    public static string StatusClass(string status) => status switch
    {
        "在售" => "tools-status tools-status--selling",
        "在建" => "tools-status tools-status--building",
        _ => "tools-status",
    };

    private static string Clip(string? text)
    {
        var t = (text ?? "").Trim();
        return t.Length > MaxQueryLength ? t[..MaxQueryLength] : t;
    }
}
