using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Hall;

/// <summary>A browser the citizen proved with an SMS code, as 设置 lists it.</summary>
public sealed record RememberedBrowser(string Id, string Label, DateTimeOffset RememberedAt, DateTimeOffset LastSeenAt);

/// <summary>
/// Browsers a citizen proved with an SMS code to the phone on record, remembered for 30 days: the browser keeps a
/// cookie signed and dated by Data Protection (account and browser id), and <c>hall:browsers:{grzh}</c> lists the
/// browsers in Redis. A cookie counts only while its entry is listed, so 删除 in 设置 revokes it at once on every
/// instance, and a copied cookie is worth nothing once revoked. Losing Redis costs one more SMS code.
/// </summary>
public sealed class RememberedBrowsers(IConnectionMultiplexer redis, IDataProtectionProvider protection, H5Cookies cookies, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly ITimeLimitedDataProtector protector =
        protection.CreateProtector("Wechat.Host.Hall.RememberedBrowser").ToTimeLimitedDataProtector();

    internal static RedisKey Key(string grzh) => H5SessionStore.RememberedBrowsersKey(grzh);

    /// <summary>The id of this browser when its cookie is genuine, unexpired, for this account and still listed; else null.</summary>
    public async Task<string?> RecognisedAsync(HttpContext http, string grzh)
    {
        if (CookieId(http, grzh) is not { } id) return null;
        var db = redis.GetDatabase();
        var json = await db.HashGetAsync(Key(grzh), id);
        if (json.IsNullOrEmpty) return null;
        var browser = JsonSerializer.Deserialize<RememberedBrowser>(json.ToString())!;
        var now = clock.GetUtcNow();
        if (browser.RememberedAt + Lifetime <= now)
        {
            await db.HashDeleteAsync(Key(grzh), id);
            return null;
        }
        await db.HashSetAsync(Key(grzh), id, JsonSerializer.Serialize(browser with { LastSeenAt = now }));
        return id;
    }

    /// <summary>Remembers this browser for the account (its cookie and its entry) after an SMS code was proven; its id.</summary>
    public async Task<string> RememberAsync(HttpContext http, string grzh)
    {
        var id = RandomTokens.New(12);
        var now = clock.GetUtcNow();
        var browser = new RememberedBrowser(id, BrowserLabel.Of(http.Request.Headers.UserAgent.ToString()), now, now);
        var db = redis.GetDatabase();
        await db.HashSetAsync(Key(grzh), id, JsonSerializer.Serialize(browser));
        await db.KeyExpireAsync(Key(grzh), Lifetime);
        http.Response.Cookies.Append(cookies.RememberedBrowser, protector.Protect(grzh + "|" + id, Lifetime), cookies.HallOptions(Lifetime));
        return id;
    }

    /// <summary>The account's remembered browsers, most recently used first, expired ones left out.</summary>
    public async Task<IReadOnlyList<RememberedBrowser>> ListAsync(string grzh)
    {
        var now = clock.GetUtcNow();
        return (await redis.GetDatabase().HashValuesAsync(Key(grzh)))
            .Select(v => JsonSerializer.Deserialize<RememberedBrowser>(v.ToString())!)
            .Where(b => b.RememberedAt + Lifetime > now)
            .OrderByDescending(b => b.LastSeenAt)
            .ToList();
    }

    /// <summary>The browser this request comes from, if its cookie names one of the account's (for 当前浏览器 in 设置).</summary>
    public string? CurrentId(HttpContext http, string grzh) => CookieId(http, grzh);

    /// <summary>Revokes one browser: its cookie no longer skips the SMS code, wherever it was copied to.</summary>
    public Task<bool> ForgetAsync(string grzh, string id) => redis.GetDatabase().HashDeleteAsync(Key(grzh), id);

    /// <summary>Revokes every browser of the account (a password reset: whoever knew the old password used them).</summary>
    public Task ForgetAllAsync(string grzh) => redis.GetDatabase().KeyDeleteAsync(Key(grzh));

    private string? CookieId(HttpContext http, string grzh)
    {
        if (!http.Request.Cookies.TryGetValue(cookies.RememberedBrowser, out var value) || string.IsNullOrEmpty(value) || value.Length > 1024)
            return null;
        try
        {
            return protector.Unprotect(value, out _).Split('|') is [var g, var id] && g == grzh ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
