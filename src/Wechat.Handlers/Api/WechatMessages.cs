using System.Text.Json.Serialization;

namespace Wechat.Handlers.Api;

/// <summary>One article of a customer-service news message.</summary>
public sealed record NewsArticle(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("picurl")] string? PicUrl = null);

internal sealed record TemplateMessage(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("template_id")] string TemplateId,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, TemplateField> Data);

internal sealed record TemplateField([property: JsonPropertyName("value")] string Value);

internal sealed record CustomTextMessage(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("text")] CustomText Text)
{
    [JsonPropertyName("msgtype"), JsonPropertyOrder(-1)] public string MsgType => "text";
}

internal sealed record CustomText([property: JsonPropertyName("content")] string Content);

internal sealed record CustomNewsMessage(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("news")] CustomNews News)
{
    [JsonPropertyName("msgtype"), JsonPropertyOrder(-1)] public string MsgType => "news";
}

internal sealed record CustomNews([property: JsonPropertyName("articles")] IReadOnlyList<NewsArticle> Articles);
