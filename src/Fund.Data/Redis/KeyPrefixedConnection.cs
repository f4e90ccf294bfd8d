using System.Reflection;
using System.Runtime.ExceptionServices;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Fund.Data.Redis;

/// <summary>
/// The process's one Redis connection, seen through <c>Redis:KeyPrefix</c>: every <c>GetDatabase()</c> returns
/// StackExchange.Redis's key-space isolation (<c>WithKeyPrefix</c>), so every key any store writes — sessions,
/// codes, dedup, tokens, the Data Protection key ring, keys named inside Lua scripts' KEYS — lies under the prefix
/// and two deployments can share one Redis (and an ACL user limited to <c>~prefix*</c>) without seeing each other.
/// </summary>
/// <remarks>
/// A proxy rather than a hand-written decorator: <see cref="IConnectionMultiplexer"/> has some sixty members that
/// change between library versions, and only <c>GetDatabase</c> differs. Server-level commands (<c>GetServer</c>,
/// KEYS/SCAN) are not prefixed; the application uses none.
/// </remarks>
public class KeyPrefixedConnection : DispatchProxy
{
    private IConnectionMultiplexer inner = null!;
    private RedisKey prefix;

    /// <summary>The connection itself when <paramref name="prefix"/> is empty; otherwise the prefixed view.</summary>
    public static IConnectionMultiplexer Wrap(IConnectionMultiplexer inner, string prefix)
    {
        if (string.IsNullOrEmpty(prefix)) return inner;
        var proxy = Create<IConnectionMultiplexer, KeyPrefixedConnection>();
        var self = (KeyPrefixedConnection)(object)proxy;
        self.inner = inner;
        self.prefix = prefix;
        return proxy;
    }

    /// <summary><c>Redis:KeyPrefix</c> as stored: a non-empty prefix always ends with ':' (<c>wf-prod</c> → <c>wf-prod:</c>).</summary>
    public static string Normalize(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? "" : configured.Trim().EndsWith(':') ? configured.Trim() : configured.Trim() + ":";

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        object? result;
        try
        {
            result = targetMethod!.Invoke(inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        return targetMethod.Name == nameof(IConnectionMultiplexer.GetDatabase) && result is IDatabase db ? db.WithKeyPrefix(prefix) : result;
    }
}
