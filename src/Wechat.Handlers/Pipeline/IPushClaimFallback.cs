namespace Wechat.Handlers.Pipeline;

/// <summary>
/// Where <see cref="DedupStep"/> claims pushes while Redis is away, so that WeChat's retries, which may reach another
/// instance, still find the first delivery's claim and reply. The host keeps them in MariaDB.
/// </summary>
public interface IPushClaimFallback
{
    /// <summary>True when this caller is the first to claim <paramref name="dedupKey"/> (or an earlier claim expired).</summary>
    Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct);

    /// <summary>The first delivery's reply (<see cref="StoredReply"/> form) once stored; null while it works.</summary>
    Task<string?> ReplyAsync(string dedupKey, CancellationToken ct);

    /// <summary>True when a claim on <paramref name="dedupKey"/> exists, finished or not.</summary>
    Task<bool> ExistsAsync(string dedupKey, CancellationToken ct);

    Task StoreReplyAsync(string dedupKey, string reply, TimeSpan lifetime, CancellationToken ct);

    Task ReleaseAsync(string dedupKey, CancellationToken ct);

    /// <summary>
    /// Claims an instance made in Redis just before Redis went away (with their replies when done), so that a retry
    /// of one of them during the outage, on any instance, finds it here instead of running the handler again.
    /// An existing claim on a key is left as it is.
    /// </summary>
    Task HandOverAsync(IReadOnlyList<(string DedupKey, string? Reply)> claims, TimeSpan lifetime, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>No fallback: without Redis a push is handled without dedup (a duplicate answer beats no answer).</summary>
public sealed class NoPushClaimFallback : IPushClaimFallback
{
    public Task<bool> TryClaimAsync(string dedupKey, TimeSpan lifetime, CancellationToken ct) => Task.FromResult(true);
    public Task<string?> ReplyAsync(string dedupKey, CancellationToken ct) => Task.FromResult<string?>(null);
    public Task<bool> ExistsAsync(string dedupKey, CancellationToken ct) => Task.FromResult(false);
    public Task StoreReplyAsync(string dedupKey, string reply, TimeSpan lifetime, CancellationToken ct) => Task.CompletedTask;
    public Task ReleaseAsync(string dedupKey, CancellationToken ct) => Task.CompletedTask;
}
