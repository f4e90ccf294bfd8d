using Fund.Data.Stores;

namespace Fund.Data.Seed;

/// <summary>Fictitious counter staff for the demo and the browser tests.</summary>
public static class DemoCounterStaff
{
    public const string Password = "Counter@2026";

    public sealed record Member(string Username, string DisplayName, CounterRole Role);

    public static readonly IReadOnlyList<Member> All =
    [
        new("clerk1", "柜员王芳", CounterRole.Clerk),
        new("clerk2", "柜员周磊", CounterRole.Clerk),
        new("super1", "科长孙丽", CounterRole.Supervisor),
    ];
}
