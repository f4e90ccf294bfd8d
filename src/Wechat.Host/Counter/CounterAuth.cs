namespace Wechat.Host.Counter;

/// <summary>The counter console's own cookie scheme and policies, apart from citizens' H5 sessions.</summary>
public static class CounterAuth
{
    public const string Scheme = "Counter";
    public const string StaffPolicy = "CounterStaff";
    public const string SupervisorPolicy = "CounterSupervisor";
    public const string ClerkRole = "clerk";
    public const string SupervisorRole = "supervisor";
}
