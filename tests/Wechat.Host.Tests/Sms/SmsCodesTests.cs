using Fund.Core;
using Fund.Data.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Wechat.Host.Sms;

namespace Wechat.Host.Tests.Sms;

/// <summary>SMS codes on the real Redis; each test uses its own account number and phone.</summary>
public sealed class SmsCodesTests : IAsyncLifetime
{
    private sealed class RecordingSender : ISmsSender
    {
        public List<(string Phone, string Code)> Sent { get; } = [];

        public Task SendCodeAsync(string phone, string code, CancellationToken ct)
        {
            Sent.Add((phone, code));
            return Task.CompletedTask;
        }

        public Task SendPhoneChangedNoticeAsync(string oldPhone, string maskedNewPhone, CancellationToken ct) => Task.CompletedTask;
    }

    private ConnectionMultiplexer redis = null!;
    private readonly RecordingSender sender = new();
    private readonly string grzh = "46" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");
    private readonly string phone = "139" + Random.Shared.Next(0, 99_999_999).ToString("00000000");
    private readonly string client = "test-client-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");

    public async Task DisposeAsync() => await redis.DisposeAsync();

    private readonly SensitiveData sensitive = new(Options.Create(new SensitiveDataOptions
    {
        EncryptionKey = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=",
        BlindIndexKey = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=",
    }));

    private SmsCodes Codes(SmsOptions? options = null, TimeProvider? clock = null) => new(redis, sender, sensitive,
        Options.Create(options ?? new SmsOptions()), clock ?? TimeProvider.System);

    private Task<SmsSendOutcome> SendAsync(SmsCodes codes, SmsPurpose purpose = SmsPurpose.Register) =>
        codes.SendAsync(purpose, grzh, phone, client, "203.0.113.7-" + client, default);

    [Fact]
    public async Task ASentCodeIsSixDigitsAndWorksOnce()
    {
        var codes = Codes();
        Assert.Equal(SmsSendOutcome.Sent, await SendAsync(codes));
        var code = Assert.Single(sender.Sent).Code;
        Assert.Matches("^[0-9]{6}$", code);
        Assert.True(await codes.VerifyAsync(SmsPurpose.Register, grzh, phone, code, default));
        Assert.False(await codes.VerifyAsync(SmsPurpose.Register, grzh, phone, code, default));
    }

    [Fact]
    public async Task TheSixthTryFailsEvenWhenTheCodeIsRight()
    {
        var codes = Codes();
        await SendAsync(codes);
        var code = sender.Sent[0].Code;
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < SmsCodes.MaxTries; i++)
            Assert.False(await codes.VerifyAsync(SmsPurpose.Register, grzh, phone, wrong, default));
        Assert.False(await codes.VerifyAsync(SmsPurpose.Register, grzh, phone, code, default));
    }

    [Fact]
    public async Task TheRightCodeOnTheFifthTryStillWorks()
    {
        var codes = Codes();
        await SendAsync(codes);
        var code = sender.Sent[0].Code;
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < SmsCodes.MaxTries - 1; i++)
            Assert.False(await codes.VerifyAsync(SmsPurpose.Register, grzh, phone, wrong, default));
        Assert.True(await codes.VerifyAsync(SmsPurpose.Register, grzh, phone, code, default));
    }

    [Fact]
    public async Task ACodeIsGoodOnlyForItsPurposeAndAccount()
    {
        var codes = Codes();
        await SendAsync(codes, SmsPurpose.ResetPassword);
        var code = sender.Sent[0].Code;
        Assert.False(await codes.VerifyAsync(SmsPurpose.ChangePhone, grzh, phone, code, default));
        Assert.False(await codes.VerifyAsync(SmsPurpose.ResetPassword, "460000000000", phone, code, default));
        Assert.True(await codes.VerifyAsync(SmsPurpose.ResetPassword, grzh, phone, code, default));
    }

    [Fact]
    public async Task ASecondSendWithinAMinuteIsTooSoon()
    {
        var codes = Codes();
        Assert.Equal(SmsSendOutcome.Sent, await SendAsync(codes));
        Assert.Equal(SmsSendOutcome.TooSoon, await SendAsync(codes));
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task TheDailyCapPerPhoneHolds()
    {
        // Both sends on one day of the centre's: at today's noon there, not at a real instant that might straddle midnight.
        var noon = new DateTimeOffset(CentreClock.Today(TimeProvider.System).ToDateTime(new TimeOnly(12, 0)), CentreClock.Offset);
        var codes = Codes(new SmsOptions { DailyCapPerPhone = 1 }, new FakeTimeProvider(noon));
        Assert.Equal(SmsSendOutcome.Sent, await SendAsync(codes));
        await LetTheMinutePassAsync();
        Assert.Equal(SmsSendOutcome.DailyCapReached, await SendAsync(codes));
    }

    /// <summary>Lets this test's phone's minute pass; other tests' phones keep theirs (some assert on them).</summary>
    private async Task LetTheMinutePassAsync() =>
        Assert.True(await redis.GetDatabase().KeyDeleteAsync(SmsCodes.CooldownKey(sensitive, phone)), "no cooldown to lift for this phone");

    [Fact]
    public async Task TheLimitPerClientHolds()
    {
        var codes = Codes(new SmsOptions { PerClientPerHour = 1 });
        Assert.Equal(SmsSendOutcome.Sent, await SendAsync(codes));
        await LetTheMinutePassAsync();
        Assert.Equal(SmsSendOutcome.ClientLimited, await SendAsync(codes));
        Assert.Single(sender.Sent);
    }

    /// <summary>
    /// A person whose hour is spent starts no cooldown on the phone asked for: otherwise they could keep its owner from
    /// getting a code by asking every minute.
    /// </summary>
    [Fact]
    public async Task APersonOverTheHoursAllowanceCannotHoldAnotherPersonsPhoneInItsCooldown()
    {
        var codes = Codes(new SmsOptions { PerClientPerHour = 1 });
        Assert.Equal(SmsSendOutcome.Sent, await SendAsync(codes));
        await LetTheMinutePassAsync();
        Assert.Equal(SmsSendOutcome.ClientLimited, await SendAsync(codes));

        var owner = "test-owner-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(SmsSendOutcome.Sent, await codes.SendAsync(SmsPurpose.Register, grzh, phone, owner, "203.0.113.8-" + owner, default));
        Assert.Equal(2, sender.Sent.Count);
    }

    /// <summary>Presses inside the minute send nothing, so they spend none of the hour's allowance.</summary>
    [Fact]
    public async Task PressingSendAgainWithinTheMinuteDoesNotSpendTheHoursAllowance()
    {
        var codes = Codes(new SmsOptions { PerClientPerHour = 2 });
        Assert.Equal(SmsSendOutcome.Sent, await SendAsync(codes));
        for (var i = 0; i < 5; i++) Assert.Equal(SmsSendOutcome.TooSoon, await SendAsync(codes));
        await LetTheMinutePassAsync();
        Assert.Equal(SmsSendOutcome.Sent, await SendAsync(codes));
        await LetTheMinutePassAsync();
        Assert.Equal(SmsSendOutcome.ClientLimited, await SendAsync(codes));
        Assert.Equal(2, sender.Sent.Count);
    }

    [Fact]
    public async Task RedisHoldsOnlyAKeyedHashOfTheCode()
    {
        var codes = Codes();
        await SendAsync(codes);
        var code = sender.Sent[0].Code;
        var server = redis.GetServers()[0];
        var keys = await server.KeysAsync(pattern: $"h5:sms:code:register:{grzh}:*").ToListAsync();
        var fields = await redis.GetDatabase().HashGetAllAsync(Assert.Single(keys));
        Assert.DoesNotContain(fields, f => f.Value.ToString().Contains(code));
        Assert.Equal(64, fields.Single(f => f.Name == "hash").Value.ToString().Length);
    }

    [Fact]
    public async Task ThreeRightTriesAtOnceConsumeTheCodeOnce()
    {
        var codes = Codes();
        await SendAsync(codes);
        var code = sender.Sent[0].Code;
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => codes.VerifyAsync(SmsPurpose.Register, grzh, phone, code, default)));
        Assert.Equal(1, results.Count(r => r));
    }
}
