using Wechat.Host.Security;
using Microsoft.Extensions.Configuration;
using System.Text;
using Fund.Core.Withdrawals;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wechat.Host.Tests.Simulator;
using Wechat.Host.Withdrawals;

namespace Wechat.Host.Tests.Withdrawals;

public sealed class DocumentSettingsTests
{
    private static readonly string GoodKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void ProductionWithoutAnUploadPathOrWithTheDevelopmentKeyIsRefusedWithEveryProblemNamed()
    {
        var options = new WithdrawalOptions
        {
            DocumentKeyId = "k1",
            DocumentKeys = { ["k1"] = WithdrawalOptions.DevelopmentKey, ["k0"] = Convert.ToBase64String(new byte[32]), ["bad id!"] = "short" },
        };
        var problems = options.Problems(development: false, columnKey: null).ToList();

        Assert.Contains(problems, p => p.Contains("UploadPath is required outside Development"));
        Assert.Contains(problems, p => p.Contains("k1 is the Development key"));
        Assert.Contains(problems, p => p.Contains("k0 must not be all zeros"));
        Assert.Contains(problems, p => p.Contains("bad id! must be 32 bytes"));
        Assert.Contains(problems, p => p.Contains("a key id is 1 to 32"));
        Assert.Empty(new WithdrawalOptions { DocumentKeyId = "k1", DocumentKeys = { ["k1"] = WithdrawalOptions.DevelopmentKey } }.Problems(true, null));
    }

    [Fact]
    public void TheDocumentKeyMustDifferFromTheColumnKeyAndTheCurrentIdMustExist()
    {
        var options = new WithdrawalOptions { UploadPath = "/srv/x", DocumentKeyId = "k2", DocumentKeys = { ["k1"] = GoodKey } };
        var problems = options.Problems(false, GoodKey).ToList();
        Assert.Contains(problems, p => p.Contains("DocumentKeyId must name one of"));
        Assert.Contains(problems, p => p.Contains("must differ from Fund:EncryptionKey"));
    }

    [Fact]
    public void AProductionHostWithoutAnUploadPathDoesNotStart()
    {
        using var factory = new ProductionHostFactory();
        factory.Overrides.Remove("Withdrawals:UploadPath");
        // The start-up check names the missing path in its one message, and the host does not start.
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(factory.Overrides.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))).Build();
        Assert.Contains(new ProductionSettings(config).Problems(), p => p.Contains("Withdrawals:UploadPath is required"));
        Assert.ThrowsAny<Exception>(() => factory.CreateClient());
    }

    [Fact]
    public async Task ARefusedOrFailedDatabaseWriteLeavesNoFile()
    {
        await using var factory = new WithdrawalProductionHost();
        _ = factory.Server;
        var files = factory.Services.GetRequiredService<DocumentFiles>();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        FormFile Upload() => new(new MemoryStream(png), 0, png.Length, "Upload", "scan.png");

        // An account that does not exist: the store throws after the file was written.
        await Assert.ThrowsAnyAsync<Exception>(() => files.SaveAsync("4X0000000000", 1, DocumentKind.IdCardFront, Upload(), default));
        Assert.Empty(Directory.EnumerateFiles(factory.Uploads));
    }

    [Fact]
    public void AFileMovedUnderAnotherRowsNameOrKeyIdDoesNotOpen()
    {
        var other = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
        var cipher = new DocumentCipher(Options.Create(new WithdrawalOptions { DocumentKeyId = "k1", DocumentKeys = { ["k1"] = GoodKey, ["k2"] = other } }));
        var stored = cipher.Encrypt(Encoding.UTF8.GetBytes("scan"), "a.bin");
        Assert.Equal("scan", Encoding.UTF8.GetString(cipher.Decrypt(stored, "k1", "a.bin")));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => cipher.Decrypt(stored, "k1", "b.bin"));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => cipher.Decrypt(stored, "k2", "a.bin"));
    }
}
