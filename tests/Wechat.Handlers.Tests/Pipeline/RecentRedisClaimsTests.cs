using Wechat.Handlers.Pipeline;

namespace Wechat.Handlers.Tests.Pipeline;

/// <summary>What an instance remembers of its Redis claims, to hand over when Redis goes away.</summary>
public sealed class RecentRedisClaimsTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void OnlyClaimsWithinTheWindowAreHandedOverOnceWithTheirReplies()
    {
        var clock = new Clock();
        var recent = new RecentRedisClaims(clock, TimeSpan.FromSeconds(30));
        recent.Claimed("old");
        clock.Now += TimeSpan.FromSeconds(31);
        recent.Claimed("answered");
        recent.Claimed("working");
        recent.Answered("answered", "reply");

        var first = recent.TakeForHandOver();
        var second = recent.TakeForHandOver();

        Assert.Equal([("answered", "reply"), ("working", (string?)null)], first.OrderBy(c => c.DedupKey).ToList());
        Assert.Empty(second);
        Assert.True(recent.Answered("working", "late reply")); // handed over: the reply must follow it
    }

    /// <summary>
    /// The newest claims go to the fallback first: they are the pushes whose retries and racing duplicates arrive in
    /// the first moments of the outage, at other instances that go to the fallback at once. Handed over oldest first
    /// (a 200/s instance holds some 6,000, 200 to a statement), the fault run saw three of them handled twice.
    /// </summary>
    [Fact]
    public void TheNewestClaimsAreHandedOverFirst()
    {
        var clock = new Clock();
        var recent = new RecentRedisClaims(clock, TimeSpan.FromSeconds(30));
        for (var i = 0; i < 1000; i++)
        {
            recent.Claimed("push-" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture));
            clock.Now += TimeSpan.FromMilliseconds(5);
        }

        var handedOver = recent.TakeForHandOver().Select(c => c.DedupKey).ToList();

        Assert.Equal(Enumerable.Range(0, 1000).Reverse().Select(i => "push-" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture)), handedOver);
    }

    [Fact]
    public void TheNumberOfClaimsKeptIsBoundedOldestFirst()
    {
        var recent = new RecentRedisClaims(new Clock(), TimeSpan.FromSeconds(30));
        for (var i = 0; i < RecentRedisClaims.MaxEntries + 100; i++) recent.Claimed("push-" + i);

        Assert.Equal(RecentRedisClaims.MaxEntries, recent.Count);
        var kept = recent.TakeForHandOver().Select(c => c.DedupKey).ToHashSet();
        Assert.DoesNotContain("push-99", kept);
        Assert.Contains("push-100", kept);
    }
}

/// <summary>Measures what the process holds, so it runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Memory";
}

[Collection(MemoryCollection.Name)]
public sealed class RecentRedisClaimsMemoryTests
{
    [Fact]
    public void AfterMillionsOfPushesTheClaimsHoldNoMoreThanTheirBoundNeeds()
    {
        // A day of pushes on one instance: the kept claims stay at MaxEntries, and so does what keeps their order (the
        // queue's ring reuses its slots: 32,768 of them, 786 KB, however many pushes passed through).
        var recent = new RecentRedisClaims(TimeProvider.System, TimeSpan.FromHours(1));
        for (var i = 0; i < 1_100_000; i++) recent.Claimed("p" + i);
        Assert.Equal(RecentRedisClaims.MaxEntries, recent.Count);

        var held = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(recent);
        recent = null;
        var released = held - GC.GetTotalMemory(forceFullCollection: true);

        // 20,000 claims (key, entry, dictionary node: some 150 bytes each) and their order: about 3–4 MB.
        Assert.InRange(released, 1_000_000, 8_000_000);
    }
}
