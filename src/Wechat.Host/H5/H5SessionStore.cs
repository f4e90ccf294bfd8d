using Fund.Data.Security;
using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>
/// Citizen sessions in Redis: <c>h5:session:{handle}</c> → the OpenID (H5), or <c>hall:{browser}|{grzh}</c> (the
/// personal web hall), with a sliding expiry: 30 minutes in H5, 15 minutes idle in the hall. Both channels keep their
/// sessions here, so whatever protects one protects the other. Losing them costs a re-login.
/// </summary>
/// <remarks>
/// The handle is an HMAC of the cookie's id under the blind-index key (which Redis never sees): whoever reads Redis
/// cannot turn a key back into a cookie, and a key planted there matches no cookie anyone can present.
/// </remarks>
public sealed class H5SessionStore(IConnectionMultiplexer redis, SensitiveData sensitive)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>The hall's idle timeout: a desk browser is more often left alone than a phone.</summary>
    public static readonly TimeSpan HallIdle = TimeSpan.FromMinutes(15);

    private static RedisKey Key(string handle) => $"h5:session:{handle}";

    private string HandleOf(string id) => Convert.ToHexStringLower(sensitive.BlindIndex(SensitiveField.SessionId, id));

    public async Task<H5Session> CreateAsync(string openId)
    {
        var id = RandomTokens.New(32);
        var handle = HandleOf(id);
        await redis.GetDatabase().StringSetAsync(Key(handle), openId, Lifetime);
        return new H5Session(id, openId, handle);
    }

    /// <summary>A hall session for a browser, signed in to <paramref name="grzh"/> or (null) not yet.</summary>
    public async Task<H5Session> CreateHallAsync(string browser, string? grzh)
    {
        var id = RandomTokens.New(32);
        var handle = HandleOf(id);
        var clientKey = H5Session.HallClientPrefix + browser;
        await redis.GetDatabase().StringSetAsync(Key(handle), clientKey + "|" + grzh, HallIdle);
        return new H5Session(id, clientKey, handle, grzh);
    }

    /// <summary>The H5 session, its expiry pushed out again (GETEX), or null when unknown, expired or a hall session.</summary>
    public async Task<H5Session?> GetAsync(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64) return null;
        var handle = HandleOf(id);
        var db = redis.GetDatabase();
        var openId = await db.StringGetSetExpiryAsync(Key(handle), Lifetime);
        if (!openId.IsNullOrEmpty) return await H5OnlyAsync(openId!);
        // During a rotation of Fund:BlindIndexKey a session made before the switch sits under the previous key's
        // handle: move it under the current one, so citizens stay signed in once the previous key is gone.
        if (sensitive.BlindIndexes(SensitiveField.SessionId, id) is not [_, var previous]) return null;
        var old = Key(Convert.ToHexStringLower(previous));
        openId = await db.StringGetDeleteAsync(old);
        if (openId.IsNullOrEmpty) return null;
        await db.StringSetAsync(Key(handle), openId, H5Session.IsHallClient(openId!) ? HallIdle : Lifetime);
        return await H5OnlyAsync(openId!);

        // A hall session shown as an H5 cookie is no H5 session, and does not win the longer H5 expiry either.
        async Task<H5Session?> H5OnlyAsync(string value)
        {
            if (!H5Session.IsHallClient(value)) return new H5Session(id, value, handle);
            await db.KeyExpireAsync(Key(handle), HallIdle);
            return null;
        }
    }

    /// <summary>
    /// The hall session, its idle expiry pushed out again, or null when unknown, expired or an H5 session. (A hall
    /// session made before a blind-index key rotation is not moved: the citizen signs in again.)
    /// </summary>
    public async Task<H5Session?> GetHallAsync(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64) return null;
        var handle = HandleOf(id);
        var value = (string?)await redis.GetDatabase().StringGetSetExpiryAsync(Key(handle), HallIdle);
        if (value is null || !H5Session.IsHallClient(value) || value.Split('|') is not [var clientKey, var grzh]) return null;
        return new H5Session(id, clientKey, handle, grzh.Length == 0 ? null : grzh);
    }

    public async Task DeleteAsync(string id) =>
        await redis.GetDatabase().KeyDeleteAsync(sensitive.BlindIndexes(SensitiveField.SessionId, id).Select(h => Key(Convert.ToHexStringLower(h))).ToArray());
}
