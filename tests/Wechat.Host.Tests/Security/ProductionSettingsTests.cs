using Microsoft.Extensions.Configuration;
using Wechat.Host.Security;

namespace Wechat.Host.Tests.Security;

/// <summary>Start-up outside Development refuses unsafe settings, listing every problem at once, without a stack trace.</summary>
public sealed class ProductionSettingsTests
{
    /// <summary>A complete, safe Production configuration (as environment variables).</summary>
    public static Dictionary<string, string> Good() => new()
    {
        ["ConnectionStrings__Fund"] = Environment.GetEnvironmentVariable("ConnectionStrings__Fund") ?? FundHostFactory.TestDatabase,
        ["ConnectionStrings__Redis"] = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379",
        ["Redis__KeyPrefix"] = "prod-settings-test",
        ["Fund__EncryptionKey"] = "cHJvZC10ZXN0LWVuY3J5cHRpb24ta2V5LTMyYnl0ZXM=",
        ["Fund__BlindIndexKey"] = "cHJvZC10ZXN0LWJsaW5kLWluZGV4LWtleS0zMmJ5dGU=",
        ["Fund__EncryptionKeyId"] = "k2026a",
        ["Fund__BlindIndexKeyId"] = "i2026a",
        ["DataProtection__KeyEncryptionKey"] = "cHJvZC10ZXN0LWtleS1yaW5nLWVuY3J5cHRpb24ta2U=",
        ["DataProtection__KeyEncryptionKeyId"] = "2026-12",
        ["Withdrawals__UploadPath"] = Path.Combine(Path.GetTempPath(), "wechatfund-prod-settings-uploads"),
        ["Withdrawals__DocumentKeyId"] = "d2026",
        ["Withdrawals__DocumentKeys__d2026"] = "cHJvZC10ZXN0LWRvY3VtZW50LWtleS0zMi1ieXRlcyE=",
        ["Wechat__AppId"] = "wxprodtest000000001",
        ["Wechat__AppSecret"] = "prod-test-secret",
        ["Wechat__Token"] = "prodtesttoken",
        ["Wechat__EncodingAESKey"] = "prodtestKEYprodtestKEYprodtestKEY0123456789",
        ["Wechat__PublicBaseUrl"] = "https://fund.example.test",
        ["Sms__GatewayUrl"] = "https://sms.example.test/send",
        ["Sms__ApiKey"] = "sms-key",
        ["Sms__TemplateId"] = "sms-template",
        // The browser tests' host delivers the shared test database's outbox; this one must not race it.
        ["Notifications__DeliveryEnabled"] = "false",
    };

    private static IReadOnlyList<string> ProblemsWith(Action<Dictionary<string, string>> change)
    {
        var settings = Good();
        change(settings);
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value))
            .Build();
        return new ProductionSettings(config).Problems();
    }

    [Fact]
    public void AWithdrawalLimitOutOfRangeIsNamedWithTheOthers()
    {
        var problems = ProblemsWith(s => { s["Withdrawals__Limits__RentYearlyLimit"] = "0"; s["Withdrawals__Limits__PurchaseWindowMonths"] = "0"; });
        Assert.Contains("Withdrawals:Limits:RentYearlyLimit must be positive.", problems);
        Assert.Contains("Withdrawals:Limits:PurchaseWindowMonths must be 1 to 120.", problems);
        Assert.Empty(ProblemsWith(s => s["Withdrawals__Limits__RentYearlyLimit"] = "15000"));
    }

    [Fact]
    public void TheHallsTrustedProxyNeedsNginxsSecret()
    {
        Assert.Contains(ProblemsWith(s => s["UnitHall__TrustedProxy"] = "10.0.0.5"), p => p.StartsWith("UnitHall:ProxySecret: required", StringComparison.Ordinal));
        Assert.Contains(ProblemsWith(s => { s["UnitHall__TrustedProxy"] = "10.0.0.5"; s["UnitHall__ProxySecret"] = "short"; }),
            p => p.StartsWith("UnitHall:ProxySecret", StringComparison.Ordinal));
        Assert.Empty(ProblemsWith(s => { s["UnitHall__TrustedProxy"] = "10.0.0.5"; s["UnitHall__ProxySecret"] = new string('k', 64); }));
    }

    [Fact]
    public void ACompleteSafeConfigurationHasNoProblems()
    {
        Assert.Empty(ProblemsWith(_ => { }));
    }

    [Theory]
    [InlineData("Wechat__EncodingAESKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDE", "Wechat:EncodingAESKey: 41 characters")]
    [InlineData("Wechat__EncodingAESKey", "prodtestKEYprodtestKEYprodtestKEY012345678+", "want exactly 43 letters and digits")]
    [InlineData("Wechat__EncodingAESKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "Wechat:EncodingAESKey: is the Development value")]
    [InlineData("Wechat__Token", "ab", "Wechat:Token: 3–32 letters or digits")]
    [InlineData("Wechat__Token", "token-with-dash", "Wechat:Token: 3–32 letters or digits")]
    [InlineData("Wechat__Token", "devtoken", "Wechat:Token: is the Development value")]
    [InlineData("UnitHall__CaPassphrase", "dev-only-ca-passphrase", "UnitHall:CaPassphrase: is the Development value")]
    [InlineData("Wechat__PublicBaseUrl", "http://fund.example.test", "Wechat:PublicBaseUrl: must be an absolute https:// address")]
    [InlineData("Wechat__PublicBaseUrl", "", "Wechat:PublicBaseUrl: required")]
    [InlineData("Fund__EncryptionKey", "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=", "Fund:EncryptionKey: is the Development value")]
    [InlineData("Fund__EncryptionKey", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "Fund:EncryptionKey: all zero bytes")]
    [InlineData("Fund__BlindIndexKey", "c2hvcnQta2V5", "Fund:BlindIndexKey: 9 bytes; want 32")]
    [InlineData("Fund__BlindIndexKey", "not base64!", "Fund:BlindIndexKey: not valid Base64")]
    [InlineData("Fund__BlindIndexKey", "cHJvZC10ZXN0LWVuY3J5cHRpb24ta2V5LTMyYnl0ZXM=", "Fund:EncryptionKey, Fund:BlindIndexKey: must be different keys")]
    [InlineData("Fund__EncryptionKeyId", "", "Fund:EncryptionKeyId: required")]
    [InlineData("Fund__BlindIndexKeyId", "key id with spaces", "Fund:BlindIndexKeyId: required, 1–32 of")]
    [InlineData("Fund__PreviousEncryptionKey", "cHJvZC10ZXN0LWVuY3J5cHRpb24ta2V5LTMyYnl0ZXM=", "Fund:PreviousEncryptionKey: is the same key as Fund:EncryptionKey")]
    [InlineData("Fund__PreviousBlindIndexKey", "cHJvZC10ZXN0LWJsaW5kLWluZGV4LWtleS0zMmJ5dGU=", "Fund:PreviousBlindIndexKey: is the same key as Fund:BlindIndexKey")]
    [InlineData("Fund__PreviousEncryptionKey", "c2hvcnQta2V5", "Fund:PreviousEncryptionKey: want the 32-byte Base64 key")]
    [InlineData("Fund__PreviousBlindIndexKey", "cHJvZC10ZXN0LWVuY3J5cHRpb24ta2V5LTMyYnl0ZXM=", "Fund:EncryptionKey, Fund:PreviousBlindIndexKey: must be different keys")]
    [InlineData("Fund__PreviousEncryptionKey", "b2xkLWVuY3J5cHRpb24ta2V5LWZvci10ZXN0cy0zMiE=", "Fund:PreviousEncryptionKeyId: required with Fund:PreviousEncryptionKey")]
    [InlineData("Fund__PreviousBlindIndexKeyId", "i2025", "Fund:PreviousBlindIndexKeyId: is set without Fund:PreviousBlindIndexKey")]
    [InlineData("DataProtection__KeyEncryptionKey", "ZGV2LW9ubHkta2V5LXJpbmctZW5jcnlwdGlvbi1rZXk=", "DataProtection:KeyEncryptionKey: is the Development value")]
    [InlineData("DataProtection__KeyEncryptionKeyId", "", "DataProtection:KeyEncryptionKeyId: required")]
    [InlineData("Withdrawals__UploadPath", "", "Withdrawals:UploadPath is required outside Development")]
    [InlineData("Withdrawals__DocumentKeys__d2026", "ZGV2LW9ubHktZG9jdW1lbnQta2V5LTMyLWJ5dGVzISE=", "is the Development key")]
    [InlineData("ConnectionStrings__Redis", "redis.internal:6379", "ConnectionStrings:Redis: no password=")]
    [InlineData("Wechat__AppSecret", "dev-app-secret", "Wechat:AppSecret: is the Development value")]
    [InlineData("Sms__GatewayUrl", "", "Sms:GatewayUrl: required")]
    public void AnUnsafeSettingIsNamedWithTheReason(string key, string value, string expected)
    {
        var problems = ProblemsWith(s => s[key] = value);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ARotationsPreviousPairIsAcceptedWithItsOwnIdEvenWhenItWasTheDevelopmentKey()
    {
        Assert.Empty(ProblemsWith(s =>
        {
            // Rotating away from a key published in the repository is exactly what the previous pair is for.
            s["Fund__PreviousEncryptionKey"] = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=";
            s["Fund__PreviousEncryptionKeyId"] = "dev";
            s["Fund__PreviousBlindIndexKey"] = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyYnl0ZSE=";
            s["Fund__PreviousBlindIndexKeyId"] = "dev";
        }));
        Assert.Contains(ProblemsWith(s =>
        {
            s["Fund__PreviousEncryptionKey"] = "b2xkLWVuY3J5cHRpb24ta2V5LWZvci10ZXN0cy0zMiE=";
            s["Fund__PreviousEncryptionKeyId"] = "k2026a";
        }), p => p.Contains("Fund:PreviousEncryptionKeyId and Fund:EncryptionKeyId are both 'k2026a'", StringComparison.Ordinal));
    }

    [Fact]
    public void ARemoteRedisWithAPasswordIsAccepted()
    {
        Assert.Empty(ProblemsWith(s => s["ConnectionStrings__Redis"] = "redis.internal:6380,user=wechatfund,password=s3cret,ssl=true,sslHost=redis.internal"));
    }

    [Fact]
    public async Task TheHostStartedInProductionWithBadSettingsListsEveryProblemAndExitsWithoutServing()
    {
        var settings = Good();
        settings["Wechat__EncodingAESKey"] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF"; // 42: started before, failed at the first push
        settings["Wechat__PublicBaseUrl"] = "http://fund.example.test";
        settings["Fund__EncryptionKey"] = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzJieXRlcyE=";
        settings["Wechat__Token"] = "x";

        var result = await HostCommand.RunAsync("Production", settings, null);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("will not start in Production: 4 setting(s) to fix", result.Error);
        Assert.Contains("Wechat:EncodingAESKey: 42 characters", result.Error);
        Assert.Contains("Wechat:PublicBaseUrl: must be an absolute https:// address", result.Error);
        Assert.Contains("Fund:EncryptionKey: is the Development value", result.Error);
        Assert.Contains("Wechat:Token: 3–32 letters or digits", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.DoesNotContain("Now listening", result.Output);
    }

    [Fact]
    public async Task TheHostStartedInProductionWithGoodSettingsServesWithoutAServerBanner()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var baseUrl = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        using var process = await HostCommand.ServeAsync("Production", Good(), baseUrl);
        try
        {
            using var http = new HttpClient();
            var response = await http.GetAsync(baseUrl + "/h5/tools");
            Assert.True(response.IsSuccessStatusCode);
            Assert.False(response.Headers.Contains("Server"));
            Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
            // From loopback (this machine) /healthz shows each server.
            Assert.Contains("\"checks\"", await http.GetStringAsync(baseUrl + "/healthz"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
