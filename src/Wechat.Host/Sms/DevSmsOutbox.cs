using System.Text.Json;
using StackExchange.Redis;

namespace Wechat.Host.Sms;

/// <summary>Development only: texts go to the Redis list <c>dev:sms:outbox</c> (newest first) for /dev/sms and the tests.</summary>
public sealed class DevSmsOutbox(IConnectionMultiplexer redis, TimeProvider clock) : ISmsSender
{
    public const string Key = "dev:sms:outbox";
    private const int Keep = 100;

    public sealed record Text(string Phone, string Code, string Body, DateTimeOffset At);

    public Task SendCodeAsync(string phone, string code, CancellationToken ct) =>
        PushAsync(new Text(phone, code, $"【信阳公积金】您的验证码为{code}，{SmsCodes.Lifetime.TotalMinutes:0}分钟内有效，请勿泄露给他人。", clock.GetUtcNow()));

    public Task SendPhoneChangedNoticeAsync(string oldPhone, string maskedNewPhone, CancellationToken ct) =>
        PushAsync(new Text(oldPhone, "", $"【信阳公积金】您的公积金账户预留手机号已变更为{maskedNewPhone}。如非本人操作，请立即拨打{Fund.Core.CentreContact.Hotline}或到网点处理。", clock.GetUtcNow()));

    private async Task PushAsync(Text text)
    {
        var db = redis.GetDatabase();
        await db.ListLeftPushAsync(Key, JsonSerializer.Serialize(text));
        await db.ListTrimAsync(Key, 0, Keep - 1);
    }

    public async Task<IReadOnlyList<Text>> LatestAsync(int count)
    {
        var items = await redis.GetDatabase().ListRangeAsync(Key, 0, count - 1);
        return items.Select(i => JsonSerializer.Deserialize<Text>(i.ToString())!).ToList();
    }
}
