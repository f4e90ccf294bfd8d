namespace Fund.Core.Binding;

/// <summary>Which fund account a WeChat OpenID acts for. One account, one OpenID.</summary>
public interface IBindingStore
{
    Task<string?> GetGrzhAsync(string openId, CancellationToken ct);

    /// <summary>Binds, replacing any earlier binding of either side.</summary>
    Task BindAsync(string openId, string grzh, CancellationToken ct);

    /// <summary>True when a binding was removed.</summary>
    Task<bool> UnbindAsync(string openId, CancellationToken ct);
}
