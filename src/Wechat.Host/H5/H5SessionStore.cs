using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>H5 sessions in Redis: <c>h5:session:{id}</c> → OpenID, with a sliding expiry. Losing them costs a re-login.</summary>
public sealed class H5SessionStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private static RedisKey Key(string id) => $"h5:session:{id}";

    public async Task<H5Session> CreateAsync(string openId)
    {
        var id = RandomTokens.New(32);
        await redis.GetDatabase().StringSetAsync(Key(id), openId, Lifetime);
        return new H5Session(id, openId);
    }

    /// <summary>The session, its expiry pushed out again (GETEX), or null when unknown or expired.</summary>
    public async Task<H5Session?> GetAsync(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64) return null;
        var openId = await redis.GetDatabase().StringGetSetExpiryAsync(Key(id), Lifetime);
        return openId.IsNullOrEmpty ? null : new H5Session(id, openId!);
    }

    public Task DeleteAsync(string id) => redis.GetDatabase().KeyDeleteAsync(Key(id));
}
