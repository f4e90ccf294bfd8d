using System.Globalization;
using Fund.Core.Outlets;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Withdrawals;

namespace Wechat.Host.Pages.H5.Tools;

/// <summary>
/// 服务网点. With ?lat=&amp;lon= (set by the page's script from the citizen's position) the list is nearest first.
/// Inside WeChat the position comes from the JS-SDK's <c>wx.getLocation</c> in GCJ-02, as the outlets are stored;
/// elsewhere the browser reports WGS-84, and the few hundred metres between them do not change which counter is
/// nearest across a city of counties.
/// </summary>
public sealed class OutletsModel(OutletFinder finder, JsSdkConfig jsSdk) : PageModel
{
    /// <summary>Signed <c>wx.config</c> for <c>getLocation</c>; null outside WeChat or without a ticket (geolocation only).</summary>
    public JsSdkSettings? JsSdk { get; private set; }

    public IReadOnlyList<OutletDistance> Outlets { get; private set; } = [];
    public bool SortedByDistance { get; private set; }
    public bool LocationRejected { get; private set; }

    public async Task OnGetAsync(string? lat, string? lon, CancellationToken ct)
    {
        if (TryCoordinate(lat, 90, out var latitude) && TryCoordinate(lon, 180, out var longitude))
        {
            Outlets = await finder.NearestAsync(latitude, longitude, int.MaxValue, ct);
            SortedByDistance = true;
            return;
        }
        LocationRejected = !string.IsNullOrEmpty(lat) || !string.IsNullOrEmpty(lon);
        JsSdk = await jsSdk.ForAsync(Request, ct);
        // Without a position there is no distance; the page shows none when SortedByDistance is false.
        Outlets = (await finder.AllAsync(ct)).Select(o => new OutletDistance(o, double.NaN)).ToList();
    }

    /// <summary>amap's marker page: opens the map app where installed, a web map otherwise. Takes GCJ-02, as stored.</summary>
    public static string MapLink(ServiceOutlet o) =>
        string.Create(CultureInfo.InvariantCulture,
            $"https://uri.amap.com/marker?position={o.Longitude:0.######},{o.Latitude:0.######}&name={Uri.EscapeDataString(o.Name)}&src=wechatfund&coordinate=gaode&callnative=1");

    /// <summary>The dialable part of a phone such as "0376-12329".</summary>
    public static string TelLink(string phone) => "tel:" + new string(phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());

    private static bool TryCoordinate(string? text, double limit, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && Math.Abs(value) <= limit;
}
