using System.Globalization;
using Fund.Data.Security;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>
/// Citizen sessions in Redis: <c>h5:session:{handle}</c> → the OpenID (H5), or
/// <c>hall:{browser}|{grzh}|{generation}|{signed-in unix seconds}|{remembered browser id}</c> (the personal web hall),
/// with a sliding expiry: 30 minutes in H5, 15 minutes idle in the hall. Both channels keep their sessions here, so
/// whatever protects one protects the other. Losing them costs a re-login.
/// </summary>
/// <remarks>
/// The handle is an HMAC of the cookie's id under the blind-index key (which Redis never sees): whoever reads Redis
/// cannot turn a key back into a cookie, and a key planted there matches no cookie anyone can present.
/// A hall session also ends, however busy, at its absolute lifetime (<see cref="HallSessionOptions"/>), when the
/// account's session generation <c>hall:generation:{grzh}</c> moves on (<see cref="EndHallSessionsAsync"/>: password
/// change, reset, phone change) and when the remembered browser it signed in with is removed from
/// <c>hall:browsers:{grzh}</c>.
/// </remarks>
public sealed class H5SessionStore(IConnectionMultiplexer redis, SensitiveData sensitive, IOptions<HallSessionOptions> hallOptions, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>The hall's idle timeout: a desk browser is more often left alone than a phone.</summary>
    public static readonly TimeSpan HallIdle = TimeSpan.FromMinutes(15);

    private static RedisKey Key(string handle) => $"h5:session:{handle}";

    private static RedisKey GenerationKey(string grzh) => $"hall:generation:{grzh}";

    /// <summary>The hall's remembered browsers of an account (kept by the hall's <c>RememberedBrowsers</c>): a session that
    /// signed in through one ends when it is removed, so the store names the key both read.</summary>
    internal static RedisKey RememberedBrowsersKey(string grzh) => $"hall:browsers:{grzh}";

    private string HandleOf(string id) => Convert.ToHexStringLower(sensitive.BlindIndex(SensitiveField.SessionId, id));

    public async Task<H5Session> CreateAsync(string openId)
    {
        var id = RandomTokens.New(32);
        var handle = HandleOf(id);
        await redis.GetDatabase().StringSetAsync(Key(handle), openId, Lifetime);
        return new H5Session(id, openId, handle);
    }

    /// <summary>
    /// A hall session for a browser, signed in to <paramref name="grzh"/> or (null) not yet; with the remembered browser
    /// the sign-in came through, if any (removing it in 设置 ends the session).
    /// </summary>
    public async Task<H5Session> CreateHallAsync(string browser, string? grzh, string? rememberedBrowser = null)
    {
        var id = RandomTokens.New(32);
        var handle = HandleOf(id);
        var clientKey = H5Session.HallClientPrefix + browser;
        var db = redis.GetDatabase();
        var generation = grzh is null ? 0 : (long?)await db.StringGetAsync(GenerationKey(grzh)) ?? 0;
        var value = HallValue(clientKey, grzh, generation, clock.GetUtcNow(), rememberedBrowser);
        await db.StringSetAsync(Key(handle), value, HallIdle);
        return new H5Session(id, clientKey, handle, grzh);
    }

    private static string HallValue(string clientKey, string? grzh, long generation, DateTimeOffset signedIn, string? rememberedBrowser) =>
        string.Join('|', clientKey, grzh ?? "", generation.ToString(CultureInfo.InvariantCulture),
            signedIn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), rememberedBrowser ?? "");

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
    /// The hall session, its idle expiry pushed out again, or null when unknown, expired (idle or past its absolute
    /// lifetime), ended by a change to its account or its remembered browser, or an H5 session. (A hall session made
    /// before a blind-index key rotation is not moved: the citizen signs in again.)
    /// </summary>
    public async Task<H5Session?> GetHallAsync(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64) return null;
        var handle = HandleOf(id);
        var db = redis.GetDatabase();
        var value = (string?)await db.StringGetSetExpiryAsync(Key(handle), HallIdle);
        if (value is null || !H5Session.IsHallClient(value)
            || value.Split('|') is not [var clientKey, var grzh, var generationText, var signedInText, var remembered]
            || !long.TryParse(generationText, CultureInfo.InvariantCulture, out var generation)
            || !long.TryParse(signedInText, CultureInfo.InvariantCulture, out var signedIn))
            return null;
        var alive = DateTimeOffset.FromUnixTimeSeconds(signedIn) + hallOptions.Value.SessionAbsoluteLifetime > clock.GetUtcNow();
        if (alive && grzh.Length > 0)
        {
            var current = db.StringGetAsync(GenerationKey(grzh));
            var listed = remembered.Length == 0 ? Task.FromResult(true) : db.HashExistsAsync(RememberedBrowsersKey(grzh), remembered);
            alive = ((long?)await current ?? 0) == generation && await listed;
        }
        if (!alive)
        {
            await db.KeyDeleteAsync(Key(handle));
            return null;
        }
        return new H5Session(id, clientKey, handle, grzh.Length == 0 ? null : grzh);
    }

    /// <summary>
    /// Ends every hall session of the account (a password change, a reset, a phone change) but <paramref name="keep"/>,
    /// the hall session that made the change, which stays signed in.
    /// </summary>
    public async Task EndHallSessionsAsync(string grzh, H5Session? keep = null)
    {
        var db = redis.GetDatabase();
        var generation = await db.StringIncrementAsync(GenerationKey(grzh));
        if (keep is not { InHall: true } || keep.Grzh != grzh) return;
        var value = (string?)await db.StringGetAsync(Key(keep.Handle));
        if (value?.Split('|') is [var clientKey, _, _, var signedIn, var remembered])
            await db.StringSetAsync(Key(keep.Handle), string.Join('|', clientKey, grzh, generation.ToString(CultureInfo.InvariantCulture), signedIn, remembered),
                HallIdle);
    }

    /// <summary>
    /// Before 设置 removes the remembered browser <paramref name="browserId"/>: when it is the one <paramref name="session"/>
    /// signed in through, that session (the one doing the removal) no longer depends on it and stays signed in.
    /// </summary>
    public async Task DetachBrowserAsync(H5Session session, string browserId)
    {
        var db = redis.GetDatabase();
        var value = (string?)await db.StringGetAsync(Key(session.Handle));
        if (value?.Split('|') is [var clientKey, var grzh, var generation, var signedIn, var remembered] && remembered == browserId)
            await db.StringSetAsync(Key(session.Handle), string.Join('|', clientKey, grzh, generation, signedIn, ""), HallIdle);
    }

    public async Task DeleteAsync(string id) =>
        await redis.GetDatabase().KeyDeleteAsync(sensitive.BlindIndexes(SensitiveField.SessionId, id).Select(h => Key(Convert.ToHexStringLower(h))).ToArray());
}

/// <summary>Settings of hall sessions (<c>Hall:</c>).</summary>
public sealed class HallSessionOptions
{
    public const string Section = "Hall";

    /// <summary>How long a hall session lasts from sign-in however busy (<c>Hall__SessionAbsoluteLifetime</c>, 8 hours).</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);
}
