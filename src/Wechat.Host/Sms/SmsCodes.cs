using Wechat.Host.Limits;
using Fund.Core;
using System.Security.Cryptography;
using Fund.Data.Security;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Wechat.Host.Sms;

/// <summary>
/// Codes and their counters in Redis. Phones appear in keys only as their keyed blind index, never in clear, and
/// codes only as a keyed hash (HMAC-SHA256 over purpose, account, phone and code), compared in fixed time: whoever
/// can read Redis learns no live code. <c>h5:sms:code:{purpose}:{account}:{phone}</c> hash of code hash, a random id
/// and tries (5 min);
/// <c>h5:sms:cooldown:{phone}</c> (60 s); <c>h5:sms:daily:{yyyyMMdd}:{phone}</c>;
/// <c>h5:sms:client:{openid}</c> and <c>h5:sms:address:{ip}</c> (1 h).
/// </summary>
public sealed class SmsCodes(IConnectionMultiplexer redis, ISmsSender sender, SensitiveData sensitive,
    IOptions<SmsOptions> options, TimeProvider clock) : ISmsCodes
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(60);
    public const int MaxTries = 5;

    // Counts every try, right or wrong, so the code is gone once MaxTries have been spent; hands back the stored
    // hash for the fixed-time comparison here, and the code's random id to consume it by.
    private const string TryScript = """
        local hash = redis.call('HGET', KEYS[1], 'hash')
        if not hash then return false end
        local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
        if tries > tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) return false end
        return {hash, redis.call('HGET', KEYS[1], 'id')}
        """;

    // Only one of two right tries racing each other consumes the code; a newer code (another id) is left alone.
    private const string ConsumeScript = """
        if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async Task<SmsSendOutcome> SendAsync(SmsPurpose purpose, string subject, string phone, string client, string address, CancellationToken ct)
    {
        var limits = options.Value;
        var db = redis.GetDatabase();
        var phoneKey = PhoneKey(phone);
        RedisKey clientKey = $"h5:sms:client:{client}", addressKey = $"h5:sms:address:{address}";
        // A person or address whose hour is spent is refused first, and starts no phone's cooldown: it cannot keep
        // another person's phone from getting codes by asking for them every minute.
        var spent = await db.StringGetAsync([clientKey, addressKey]);
        if ((long?)spent[0] >= limits.PerClientPerHour || (long?)spent[1] >= limits.PerAddressPerHour)
            return Refused(SmsSendOutcome.ClientLimited);
        // Then the minute between two codes to one phone: a press of 获取验证码 inside it sends nothing and so spends
        // none of the hour's allowance (the fault run's applicants, pressing again every second as a worried citizen
        // might, had spent their hour in ten seconds and got no code for the rest of it). Only a code sent counts.
        if (!await db.StringSetAsync(CooldownKey(phoneKey), 1, Cooldown, When.NotExists))
            return Refused(SmsSendOutcome.TooSoon);
        if (await CountAsync(db, clientKey, TimeSpan.FromHours(1)) > limits.PerClientPerHour
            || await CountAsync(db, addressKey, TimeSpan.FromHours(1)) > limits.PerAddressPerHour)
            return Refused(SmsSendOutcome.ClientLimited);
        var day = CentreClock.Local(clock.GetUtcNow()).ToString("yyyyMMdd");
        if (await CountAsync(db, $"h5:sms:daily:{day}:{phoneKey}", TimeSpan.FromDays(2)) > limits.DailyCapPerPhone)
            return Refused(SmsSendOutcome.DailyCapReached);

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000");
        var key = CodeKey(purpose, subject, phoneKey);
        var tx = db.CreateTransaction();
        _ = tx.KeyDeleteAsync(key);
        _ = tx.HashSetAsync(key, [new HashEntry("hash", CodeHash(key, code)), new HashEntry("id", Guid.NewGuid().ToString("N")), new HashEntry("tries", 0)]);
        _ = tx.KeyExpireAsync(key, Lifetime);
        await tx.ExecuteAsync();
        await sender.SendCodeAsync(phone, code, ct);
        Fund.Core.Telemetry.FundMetrics.SmsCodeSent(purpose);
        return SmsSendOutcome.Sent;
    }

    public async Task<bool> VerifyAsync(SmsPurpose purpose, string subject, string phone, string code, CancellationToken ct)
    {
        var key = CodeKey(purpose, subject, PhoneKey(phone));
        var db = redis.GetDatabase();
        var stored = await db.ScriptEvaluateAsync(TryScript, [key], [MaxTries]);
        if (stored.IsNull) return false;
        var parts = (RedisResult[])stored!;
        var expected = Convert.FromHexString((string)parts[0]!);
        var given = Convert.FromHexString(CodeHash(key, (code ?? "").Trim()));
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return false;
        return (int)await db.ScriptEvaluateAsync(ConsumeScript, [key], [(string)parts[1]!]) == 1;
    }

    // The key names purpose, account and phone, so a hash is good for that code alone.
    private string CodeHash(RedisKey key, string code) =>
        Convert.ToHexStringLower(sensitive.BlindIndex(SensitiveField.SmsCode, (string)key! + "|" + code));

    private static SmsSendOutcome Refused(SmsSendOutcome outcome)
    {
        Fund.Core.Telemetry.FundMetrics.SmsCodeRefused(outcome);
        return outcome;
    }

    private static Task<long> CountAsync(IDatabase db, RedisKey key, TimeSpan window) => WindowCounter.IncrementAsync(db, key, window);

    private string PhoneKey(string phone) => PhoneKey(sensitive, phone);

    private static string PhoneKey(SensitiveData sensitive, string phone) =>
        Convert.ToHexStringLower(sensitive.BlindIndex(SensitiveField.Phone, phone.Trim()))[..24];

    private static RedisKey CooldownKey(string phoneKey) => $"h5:sms:cooldown:{phoneKey}";

    /// <summary>
    /// The key of one phone's minute between two codes, so a test can let that minute pass for its own phone alone
    /// (deleting every phone's would lift other tests' cooldowns that they assert on).
    /// </summary>
    internal static RedisKey CooldownKey(SensitiveData sensitive, string phone) => CooldownKey(PhoneKey(sensitive, phone));

    private static RedisKey CodeKey(SmsPurpose purpose, string subject, string phoneKey) =>
        $"h5:sms:code:{purpose.ToString().ToLowerInvariant()}:{subject}:{phoneKey}";
}
