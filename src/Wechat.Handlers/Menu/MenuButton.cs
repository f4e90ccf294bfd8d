using System.Text.Json.Serialization;

namespace Wechat.Handlers.Menu;

/// <summary>One button of WeChat's custom menu, with menu/create's own field names.</summary>
public sealed record MenuButton
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>The mini program's app id, for <c>miniprogram</c> buttons.</summary>
    [JsonPropertyName("appid")] public string? AppId { get; init; }

    [JsonPropertyName("pagepath")] public string? PagePath { get; init; }
    [JsonPropertyName("media_id")] public string? MediaId { get; init; }
    [JsonPropertyName("article_id")] public string? ArticleId { get; init; }

    /// <summary>Present only on top-level buttons that open a submenu.</summary>
    [JsonPropertyName("sub_button")] public IReadOnlyList<MenuButton>? SubButtons { get; init; }
}
