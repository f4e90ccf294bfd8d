namespace Wechat.Host.Tests.H5;

/// <summary>
/// A test's clock, counting how often a sign-in guard read the time: once for every check of the account's tries, so a
/// test can wait until a try has been answered Busy and checked again without a real delay.
/// </summary>
internal sealed class CountingClock(TimeProvider inner) : TimeProvider
{
    private int reads;

    public int Reads => Volatile.Read(ref reads);

    public override DateTimeOffset GetUtcNow()
    {
        Interlocked.Increment(ref reads);
        return inner.GetUtcNow();
    }

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;
}
