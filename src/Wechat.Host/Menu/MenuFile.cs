using Microsoft.Extensions.Options;
using Wechat.Handlers;
using Wechat.Handlers.Chat;
using Wechat.Handlers.Menu;

namespace Wechat.Host.Menu;

/// <summary>
/// menu-config.json (copied beside the host's binaries; <c>Wechat:MenuConfigPath</c> overrides), checked against
/// the click keys the chat handlers answer: every click key handled, every handler reachable.
/// </summary>
public sealed class MenuFile(IConfiguration configuration, ClickRoutes routes, IOptions<WechatOptions> options)
{
    public string Path => configuration["Wechat:MenuConfigPath"] is { Length: > 0 } p
        ? p
        : System.IO.Path.Combine(AppContext.BaseDirectory, "menu-config.json");

    public Task<MenuDefinition> LoadAsync(CancellationToken ct) => MenuDefinition.LoadAsync(Path, ct);

    public IReadOnlySet<string> HandledKeys => routes.HandledKeys;

    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken ct) =>
        MenuValidator.Validate(await LoadAsync(ct), routes.HandledKeys, options.Value.PublicBaseUrl);
}
