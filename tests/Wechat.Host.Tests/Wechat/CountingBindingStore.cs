using System.Collections.Concurrent;
using Fund.Core.Binding;

namespace Wechat.Host.Tests.Wechat;

/// <summary>The real MySQL binding store, counting look-ups per OpenID: one per handled message.</summary>
public sealed class CountingBindingStore(IBindingStore inner) : IBindingStore
{
    private readonly ConcurrentDictionary<string, int> _lookups = new(StringComparer.Ordinal);

    public int LookupsFor(string openId) => _lookups.GetValueOrDefault(openId);

    public Task<string?> GetGrzhAsync(string openId, CancellationToken ct)
    {
        _lookups.AddOrUpdate(openId, 1, (_, n) => n + 1);
        return inner.GetGrzhAsync(openId, ct);
    }

    public Task BindAsync(string openId, string grzh, CancellationToken ct) => inner.BindAsync(openId, grzh, ct);

    public Task<bool> UnbindAsync(string openId, CancellationToken ct) => inner.UnbindAsync(openId, ct);

}
