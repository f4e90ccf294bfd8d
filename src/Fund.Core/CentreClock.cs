namespace Fund.Core;

/// <summary>
/// The centre works on China Standard Time (UTC+8, no daylight saving): "today" for every rule, the date a posting or
/// decision carries, the year a statement is for. The one place that names the zone.
/// </summary>
public static class CentreClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The centre's calendar day now.</summary>
    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>The centre's calendar day of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>An instant in the centre's local time, for display.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(Offset);
}
