using Fund.Data.Security;
using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>
/// H5 sessions in Redis: <c>h5:session:{handle}</c> → OpenID, with a sliding expiry. Losing them costs a re-login.
/// </summary>
/// <remarks>
/// The handle is an HMAC of the cookie's id under the blind-index key (which Redis never sees): whoever reads Redis
/// cannot turn a key back into a cookie, and a key planted there matches no cookie anyone can present.
/// </remarks>
public sealed class H5SessionStore(IConnectionMultiplexer redis, SensitiveData sensitive)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private static RedisKey Key(string handle) => $"h5:session:{handle}";

    private string HandleOf(string id) => Convert.ToHexStringLower(sensitive.BlindIndex(SensitiveField.SessionId, id));

    public async Task<H5Session> CreateAsync(string openId)
    {
        var id = RandomTokens.New(32);
        var handle = HandleOf(id);
        await redis.GetDatabase().StringSetAsync(Key(handle), openId, Lifetime);
        return new H5Session(id, openId, handle);
    }

    /// <summary>The session, its expiry pushed out again (GETEX), or null when unknown or expired.</summary>
    public async Task<H5Session?> GetAsync(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64) return null;
        var handle = HandleOf(id);
        var openId = await redis.GetDatabase().StringGetSetExpiryAsync(Key(handle), Lifetime);
        return openId.IsNullOrEmpty ? null : new H5Session(id, openId!, handle);
    }

    public Task DeleteAsync(string id) => redis.GetDatabase().KeyDeleteAsync(Key(HandleOf(id)));
}
