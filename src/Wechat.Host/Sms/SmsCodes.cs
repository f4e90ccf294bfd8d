using System.Security.Cryptography;
using Fund.Data.Security;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Sms;

/// <summary>
/// Codes and their counters in Redis. Phones appear in keys only as their keyed blind index, never in clear.
/// <c>h5:sms:code:{purpose}:{account}:{phone}</c> hash of code and tries (5 min);
/// <c>h5:sms:cooldown:{phone}</c> (60 s); <c>h5:sms:daily:{yyyyMMdd}:{phone}</c>;
/// <c>h5:sms:client:{openid}</c> and <c>h5:sms:address:{ip}</c> (1 h).
/// </summary>
public sealed class SmsCodes(IConnectionMultiplexer redis, ISmsSender sender, SensitiveData sensitive,
    IOptions<SmsOptions> options, TimeProvider clock) : ISmsCodes
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(60);
    public const int MaxTries = 5;

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    // Counts every try, right or wrong, so the code is gone once MaxTries have been spent.
    private const string VerifyScript = """
        local code = redis.call('HGET', KEYS[1], 'code')
        if not code then return 0 end
        local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
        if tries > tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) return 0 end
        if code == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
        return 0
        """;

    public async Task<SmsSendOutcome> SendAsync(SmsPurpose purpose, string subject, string phone, string client, string address, CancellationToken ct)
    {
        var limits = options.Value;
        var db = redis.GetDatabase();
        var phoneKey = PhoneKey(phone);
        if (await CountAsync(db, $"h5:sms:client:{client}", TimeSpan.FromHours(1)) > limits.PerClientPerHour
            || await CountAsync(db, $"h5:sms:address:{address}", TimeSpan.FromHours(1)) > limits.PerAddressPerHour)
            return SmsSendOutcome.ClientLimited;
        if (!await db.StringSetAsync($"h5:sms:cooldown:{phoneKey}", 1, Cooldown, When.NotExists))
            return SmsSendOutcome.TooSoon;
        var day = clock.GetUtcNow().ToOffset(ChinaOffset).ToString("yyyyMMdd");
        if (await CountAsync(db, $"h5:sms:daily:{day}:{phoneKey}", TimeSpan.FromDays(2)) > limits.DailyCapPerPhone)
            return SmsSendOutcome.DailyCapReached;

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000");
        var key = CodeKey(purpose, subject, phoneKey);
        var tx = db.CreateTransaction();
        _ = tx.KeyDeleteAsync(key);
        _ = tx.HashSetAsync(key, [new HashEntry("code", code), new HashEntry("tries", 0)]);
        _ = tx.KeyExpireAsync(key, Lifetime);
        await tx.ExecuteAsync();
        await sender.SendCodeAsync(phone, code, ct);
        return SmsSendOutcome.Sent;
    }

    public async Task<bool> VerifyAsync(SmsPurpose purpose, string subject, string phone, string code, CancellationToken ct)
    {
        var key = CodeKey(purpose, subject, PhoneKey(phone));
        var result = await redis.GetDatabase().ScriptEvaluateAsync(VerifyScript, [key], [(code ?? "").Trim(), MaxTries]);
        return (int)result == 1;
    }

    private static Task<long> CountAsync(IDatabase db, string key, TimeSpan window) => WindowCounter.IncrementAsync(db, key, window);

    private string PhoneKey(string phone) =>
        Convert.ToHexStringLower(sensitive.BlindIndex(SensitiveField.Phone, phone.Trim()))[..24];

    private static RedisKey CodeKey(SmsPurpose purpose, string subject, string phoneKey) =>
        $"h5:sms:code:{purpose.ToString().ToLowerInvariant()}:{subject}:{phoneKey}";
}
