using System.Text.Json;
using System.Text.Json.Serialization;
using Wechat.Handlers.Api;

namespace Wechat.Handlers.Menu;

/// <summary>
/// The custom menu as written in <c>menu-config.json</c>: WeChat's menu/create body, with <c>{PublicBaseUrl}</c>
/// standing for the address our H5 pages are served from.
/// </summary>
public sealed record MenuDefinition
{
    public const string PublicBaseUrlPlaceholder = "{PublicBaseUrl}";

    [JsonPropertyName("button")] public IReadOnlyList<MenuButton> Buttons { get; init; } = [];

    public static MenuDefinition Parse(string json) =>
        JsonSerializer.Deserialize<MenuDefinition>(json, WechatJson.Options)
        ?? throw new JsonException("The menu JSON is null.");

    public static async Task<MenuDefinition> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken));

    /// <summary>Every button a citizen can tap, submenu items included, parents excluded.</summary>
    public IEnumerable<MenuButton> Leaves() =>
        Buttons.SelectMany(button => button.SubButtons is { Count: > 0 } subs ? subs : [button]);

    /// <summary>A copy with <c>{PublicBaseUrl}</c> replaced in every URL.</summary>
    public MenuDefinition WithPublicBaseUrl(string publicBaseUrl)
    {
        var baseUrl = publicBaseUrl.TrimEnd('/');
        MenuButton Substitute(MenuButton button) => button with
        {
            Url = button.Url?.Replace(PublicBaseUrlPlaceholder, baseUrl, StringComparison.Ordinal),
            SubButtons = button.SubButtons?.Select(Substitute).ToList(),
        };
        return this with { Buttons = Buttons.Select(Substitute).ToList() };
    }

    /// <summary>The menu/create request body, Chinese names written as-is.</summary>
    public string ToPublishJson(string publicBaseUrl) =>
        JsonSerializer.Serialize(WithPublicBaseUrl(publicBaseUrl), WechatJson.Options);
}
