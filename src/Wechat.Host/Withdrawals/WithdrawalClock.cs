namespace Wechat.Host.Withdrawals;

/// <summary>The centre works on China Standard Time: "today" for the rules is the date in UTC+8.</summary>
public static class WithdrawalClock
{
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
}
