using System.Text.Json;
using StackExchange.Redis;

namespace Wechat.Host.Simulator;

/// <summary>One message WeChat would have pushed to the citizen's phone outside a passive reply.</summary>
/// <param name="Kind"><c>text</c> or <c>news</c> (customer-service), <c>template</c>, or <c>sms</c> (a text message to the phone).</param>
public sealed record PushedMessage(
    long Id, string Kind, DateTimeOffset At, string? Text = null, string? Title = null, string? Description = null,
    string? Url = null, string? PicUrl = null, IReadOnlyList<TemplateLine>? Lines = null, string? Code = null);

/// <summary>One field of a template message, in the order the sender wrote them.</summary>
public sealed record TemplateLine(string Key, string Value);

/// <summary>
/// Development only: what was "sent" to an OpenID — customer-service and template messages and SMS codes — kept in
/// the Redis list <c>dev:chat:{openid}</c> (oldest first, last 200, a week) so the simulator page can poll for it.
/// Ids come from <c>dev:chat:{openid}:seq</c>, so a poll asks only for what it has not seen.
/// </summary>
public sealed class SimulatorInbox(IConnectionMultiplexer redis, TimeProvider clock)
{
    private const int Keep = 200;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static RedisKey Key(string openId) => $"dev:chat:{openId}";
    private static RedisKey SequenceKey(string openId) => $"dev:chat:{openId}:seq";

    /// <summary>Stores <paramref name="message"/> under a new id (its own Id and At are replaced).</summary>
    public async Task<PushedMessage> AddAsync(string openId, PushedMessage message)
    {
        var db = redis.GetDatabase();
        var id = await db.StringIncrementAsync(SequenceKey(openId));
        var stored = message with { Id = id, At = clock.GetUtcNow() };
        await db.ListRightPushAsync(Key(openId), JsonSerializer.Serialize(stored));
        await db.ListTrimAsync(Key(openId), -Keep, -1);
        await db.KeyExpireAsync(Key(openId), Lifetime);
        await db.KeyExpireAsync(SequenceKey(openId), Lifetime);
        return stored;
    }

    /// <summary>Messages with an id above <paramref name="afterId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PushedMessage>> SinceAsync(string openId, long afterId)
    {
        var items = await redis.GetDatabase().ListRangeAsync(Key(openId), 0, -1);
        return items.Select(i => JsonSerializer.Deserialize<PushedMessage>(i.ToString())!)
            .Where(m => m.Id > afterId)
            .ToList();
    }
}
