using System.Globalization;
using Fund.Core.Reference;

namespace Fund.Core.Outlets;

/// <summary>A service outlet as a supervisor enters it in the counter console, checked before it is stored.</summary>
public sealed record OutletDraft(string Name, string Address, string Hours, string Phone, double Latitude, double Longitude)
{
    // Mainland China's extent: GCJ-02 is only defined there, and it catches latitude and longitude typed the wrong way round.
    public const double MinLatitude = 3.8, MaxLatitude = 53.6, MinLongitude = 73.5, MaxLongitude = 135.1;

    public static (OutletDraft? Draft, IReadOnlyList<string> Problems) Check(
        string? name, string? address, string? hours, string? phone, string? latitude, string? longitude)
    {
        var problems = new List<string>();
        var n = FieldChecks.Required(name, "网点名称", 100, problems);
        var a = FieldChecks.Required(address, "地址", 200, problems);
        var h = FieldChecks.Required(hours, "办公时间", 100, problems);
        var p = FieldChecks.Required(phone, "电话", 30, problems);
        if (p.Length > 0 && !p.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ' or '(' or ')'))
            problems.Add("电话只能包含数字、“-”、“+”和括号");
        var lat = Coordinate(latitude, "纬度", MinLatitude, MaxLatitude, problems);
        var lon = Coordinate(longitude, "经度", MinLongitude, MaxLongitude, problems);
        return problems.Count > 0 ? (null, problems) : (new OutletDraft(n, a, h, p, lat, lon), problems);
    }

    private static double Coordinate(string? text, string label, double min, double max, List<string> problems)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0) { problems.Add($"请填写{label}"); return 0; }
        if (!double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            || !(v >= min && v <= max)) // written so NaN fails too
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{label}应为{min}至{max}之间的数字（中国境内，GCJ-02坐标）"));
            return 0;
        }
        // The column holds six decimals (about 0.1 m); more would be silently rounded by the database anyway.
        return Math.Round(v, 6, MidpointRounding.AwayFromZero);
    }
}
