using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Wechat.Host.Tests.Security;

/// <summary>
/// The Data Protection key ring in Redis (which signs the counter cookie and antiforgery tokens) is useless to
/// whoever reads Redis, and a key planted there by whoever writes to it is not used.
/// </summary>
public sealed class KeyRingTests : IAsyncLifetime
{
    private readonly string prefix = "ring-" + Guid.NewGuid().ToString("N")[..8];
    private FundHostFactory host = null!;
    private ConnectionMultiplexer raw = null!;

    public async Task InitializeAsync()
    {
        host = new FundHostFactory { Overrides = { ["Redis:KeyPrefix"] = prefix } };
        raw = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");
    }

    public async Task DisposeAsync()
    {
        await raw.GetDatabase().KeyDeleteAsync($"{prefix}:h5:dataprotection:keys");
        await raw.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task EveryKeyInRedisIsSealedWithTheKeyEncryptionKey()
    {
        using var client = host.CreateClient();
        Assert.True((await client.GetAsync("/counter/login")).IsSuccessStatusCode); // makes the first key

        var stored = await raw.GetDatabase().ListRangeAsync($"{prefix}:h5:dataprotection:keys");
        Assert.NotEmpty(stored);
        foreach (var xml in stored.Select(v => XElement.Parse(v!)).Where(e => e.Name.LocalName == "key"))
        {
            Assert.DoesNotContain(xml.Descendants(), d => d.Name.LocalName == "masterKey");
            var sealedKey = Assert.Single(xml.Descendants(), d => d.Name.LocalName == "encryptedKey");
            Assert.Equal("dev-1", (string?)sealedKey.Attribute("keyId"));
        }
    }

    [Fact]
    public async Task AKeyPlantedInClearDoesNotProtectAnything()
    {
        using var client = host.CreateClient();
        await client.GetAsync("/counter/login");

        // The attacker's own key ring for the same application name, written in clear, pushed into Redis.
        var folder = Directory.CreateTempSubdirectory("planted-ring-");
        try
        {
            var attacker = DataProtectionProvider.Create(folder, b => b.SetApplicationName("WechatFund")).CreateProtector("test.purpose");
            var forged = attacker.Protect(Encoding.UTF8.GetBytes("role=supervisor"));
            foreach (var file in folder.GetFiles("*.xml"))
                await raw.GetDatabase().ListRightPushAsync($"{prefix}:h5:dataprotection:keys", File.ReadAllText(file.FullName));

            var ours = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test.purpose");
            Assert.ThrowsAny<CryptographicException>(() => ours.Unprotect(forged));
            // The host itself still protects and reads its own data.
            Assert.Equal("ok", Encoding.UTF8.GetString(ours.Unprotect(ours.Protect(Encoding.UTF8.GetBytes("ok")))));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
