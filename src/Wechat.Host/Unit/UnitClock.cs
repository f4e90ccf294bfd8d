namespace Wechat.Host.Unit;

/// <summary>The centre's calendar day (China Standard Time, no daylight saving), which months and seal dates are counted in.</summary>
public static class UnitClock
{
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaStandardTime).DateTime);
}
