namespace Fund.Core.Outlets;

/// <summary>服务网点: a counter citizens can visit. Coordinates are GCJ-02, as WeChat's location messages give them.</summary>
public sealed record ServiceOutlet(
    int Id, string Name, string Address, string Hours, string Phone, double Latitude, double Longitude, bool IsDemo = false);

public interface IOutletStore
{
    Task<IReadOnlyList<ServiceOutlet>> GetAllAsync(CancellationToken ct);
}

public sealed record OutletDistance(ServiceOutlet Outlet, double Kilometres)
{
    public string DistanceText => Kilometres < 1 ? $"{Kilometres * 1000:0}米" : $"{Kilometres:0.0}公里";
}

public sealed class OutletFinder(IOutletStore outlets)
{
    public async Task<IReadOnlyList<OutletDistance>> NearestAsync(double latitude, double longitude, int count, CancellationToken ct) =>
        (await outlets.GetAllAsync(ct))
            .Select(o => new OutletDistance(o, GreatCircle.Kilometres(latitude, longitude, o.Latitude, o.Longitude)))
            .OrderBy(d => d.Kilometres)
            .Take(count)
            .ToList();

    public Task<IReadOnlyList<ServiceOutlet>> AllAsync(CancellationToken ct) => outlets.GetAllAsync(ct);
}

/// <summary>Haversine distance; at city scale the GCJ-02 offset and the Earth's flattening are far below a street.</summary>
public static class GreatCircle
{
    private const double EarthRadiusKm = 6371.0088;

    public static double Kilometres(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
