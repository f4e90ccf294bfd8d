using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wechat.Handlers.Api;

namespace Wechat.Handlers.Menu;

/// <summary>Replaces the official account's live menu with ours, refusing a menu that fails validation.</summary>
public sealed class MenuPublisher(WechatApiClient api, IOptions<WechatOptions> options, ILogger<MenuPublisher> logger)
{
    /// <exception cref="InvalidOperationException">The menu has problems; nothing was sent to WeChat.</exception>
    public async Task PublishAsync(
        MenuDefinition menu, IReadOnlySet<string> handledClickKeys, CancellationToken cancellationToken = default)
    {
        var publicBaseUrl = options.Value.PublicBaseUrl;
        var problems = MenuValidator.Validate(menu, handledClickKeys, publicBaseUrl);
        if (problems.Count > 0)
            throw new InvalidOperationException("The menu was not published:\n" + string.Join('\n', problems));

        await api.CreateMenuAsync(menu.ToPublishJson(publicBaseUrl), cancellationToken);
        logger.LogInformation("Published the menu with {Buttons} top-level buttons for {PublicBaseUrl}",
            menu.Buttons.Count, publicBaseUrl);
    }
}
