using Fund.Core.Reference;

namespace Fund.Core.Developments;

/// <summary>A partner development as a supervisor enters it in the counter console, checked before it is stored.</summary>
public sealed record DevelopmentDraft(string Name, string Developer, string District, string Address, string Status)
{
    public static readonly IReadOnlyList<string> Statuses = ["在售", "售罄", "在建"];

    public static (DevelopmentDraft? Draft, IReadOnlyList<string> Problems) Check(
        string? name, string? developer, string? district, string? address, string? status)
    {
        var problems = new List<string>();
        var n = FieldChecks.Required(name, "楼盘名称", 100, problems);
        var dev = FieldChecks.Required(developer, "开发企业", 100, problems);
        var dis = FieldChecks.Required(district, "区县", 20, problems);
        var a = FieldChecks.Required(address, "地址", 200, problems);
        var s = (status ?? "").Trim();
        if (!Statuses.Contains(s)) problems.Add("请选择销售状态（在售、售罄或在建）");
        return problems.Count > 0 ? (null, problems) : (new DevelopmentDraft(n, dev, dis, a, s), problems);
    }
}
