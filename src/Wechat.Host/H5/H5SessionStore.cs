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
        var db = redis.GetDatabase();
        var openId = await db.StringGetSetExpiryAsync(Key(handle), Lifetime);
        if (!openId.IsNullOrEmpty) return new H5Session(id, openId!, handle);
        // During a rotation of Fund:BlindIndexKey a session made before the switch sits under the previous key's
        // handle: move it under the current one, so citizens stay signed in once the previous key is gone.
        if (sensitive.BlindIndexes(SensitiveField.SessionId, id) is not [_, var previous]) return null;
        var old = Key(Convert.ToHexStringLower(previous));
        openId = await db.StringGetDeleteAsync(old);
        if (openId.IsNullOrEmpty) return null;
        await db.StringSetAsync(Key(handle), openId, Lifetime);
        return new H5Session(id, openId!, handle);
    }

    public async Task DeleteAsync(string id) =>
        await redis.GetDatabase().KeyDeleteAsync(sensitive.BlindIndexes(SensitiveField.SessionId, id).Select(h => Key(Convert.ToHexStringLower(h))).ToArray());
}
