namespace Wechat.Host.Tests.Counter;

/// <summary>
/// A host of its own with one signed-in clerk and supervisor: the login allows ten requests a minute per address,
/// fewer than signing in afresh for every test would take.
/// </summary>
public sealed class ReferenceDataHost : FundHostFactory
{
    private CounterSession? clerk, supervisor;

    public async Task<CounterSession> ClerkAsync() => clerk ??= await CounterSession.SignInAsync(this, "clerk1");

    public async Task<CounterSession> SupervisorAsync() => supervisor ??= await CounterSession.SignInAsync(this, "super1");

    public override async ValueTask DisposeAsync()
    {
        clerk?.Dispose();
        supervisor?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
