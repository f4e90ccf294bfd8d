using System.Text.Json;
using System.Text.Json.Serialization;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// A reply as the dedup store keeps it, in a small JSON with a "type" discriminator (text, news, success, empty),
/// so a retry on another instance returns exactly what the first delivery answered.
/// </summary>
internal static class StoredReply
{
    // Chinese text unescaped: the default encoder writes every non-ASCII character as \uXXXX, six characters for one,
    // which made a stored 我的账户 reply five times its size in Redis and in each instance's recent claims (kept for
    // the hand-over to the fallback). The JSON is stored and read back by us, never placed in HTML or script.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(reply switch
    {
        TextReply text => new Shape("text", Content: text.Content),
        NewsReply news => new Shape("news", Title: news.Title, Description: news.Description, PicUrl: news.PicUrl, Url: news.Url),
        SuccessReply => new Shape("success"),
        EmptyReply => new Shape("empty"),
        _ => throw new ArgumentException($"No stored form for {reply.GetType().Name}.", nameof(reply)),
    }, Json);

    /// <summary>The reply, or null when <paramref name="json"/> is not one we wrote.</summary>
    public static Reply? Deserialize(string json)
    {
        Shape? shape;
        try
        {
            shape = JsonSerializer.Deserialize<Shape>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }

        return shape switch
        {
            { Type: "text", Content: { } content } => new TextReply(content),
            { Type: "news" } n => new NewsReply(n.Title ?? "", n.Description ?? "", n.PicUrl ?? "", n.Url ?? ""),
            { Type: "success" } => SuccessReply.Instance,
            { Type: "empty" } => EmptyReply.Instance,
            _ => null,
        };
    }

    private sealed record Shape(
        string Type,
        string? Content = null,
        string? Title = null,
        string? Description = null,
        string? PicUrl = null,
        string? Url = null);
}
