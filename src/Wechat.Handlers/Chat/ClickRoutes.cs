using System.Collections.Frozen;
using Wechat.Handlers.Pipeline;

namespace Wechat.Handlers.Chat;

/// <summary>
/// Menu click key → handler. Start-up checks <see cref="HandledKeys"/> against menu-config.json, so every button
/// has a handler and every handler a button.
/// </summary>
public sealed class ClickRoutes
{
    private readonly FrozenDictionary<string, MessageDelegate> _routes;

    public ClickRoutes(AccountHandler account, LoanHandler loans, UnbindHandler unbind, OutletHandler outlets, GuideHandler guide)
    {
        _routes = new Dictionary<string, MessageDelegate>(StringComparer.Ordinal)
        {
            [ClickKeys.MyAccount] = account.MyAccountAsync,
            [ClickKeys.Balance] = account.BalanceAsync,
            [ClickKeys.Unbind] = unbind.AskAsync,
            [ClickKeys.LoanInfo] = loans.LoanInfoAsync,
            [ClickKeys.LoanProgress] = loans.LoanProgressAsync,
            [ClickKeys.Outlets] = outlets.AllAsync,
            [ClickKeys.Hotline] = guide.HotlineAsync,
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> HandledKeys => _routes.Keys.ToFrozenSet(StringComparer.Ordinal);

    public MessageDelegate? For(string key) => _routes.GetValueOrDefault(key);
}
