using System.Text.Json;
using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>
/// What a multi-step form (registration, password reset) has established so far, kept server-side per session
/// in <c>h5:flow:{flow}:{session handle}</c> for 20 minutes, so no step trusts a hidden field.
/// </summary>
public sealed class FlowDrafts(IConnectionMultiplexer redis)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

    private static RedisKey Key(string flow, H5Session session) => $"h5:flow:{flow}:{session.Handle}";

    public async Task<T?> GetAsync<T>(string flow, H5Session session) where T : class
    {
        var json = await redis.GetDatabase().StringGetAsync(Key(flow, session));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>(json.ToString());
    }

    public Task SaveAsync<T>(string flow, H5Session session, T draft) =>
        redis.GetDatabase().StringSetAsync(Key(flow, session), JsonSerializer.Serialize(draft), Lifetime);

    public Task ClearAsync(string flow, H5Session session) => redis.GetDatabase().KeyDeleteAsync(Key(flow, session));
}
