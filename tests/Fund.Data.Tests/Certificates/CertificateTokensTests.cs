using Fund.Data.Security;
using Microsoft.Extensions.Options;

namespace Fund.Data.Tests.Certificates;

public class CertificateTokensTests
{
    private const string OldIndexKey = "b2xkLWJsaW5kLWluZGV4LWtleS0zMi1ieXRlcy0wMDA=";
    private const string NewIndexKey = "bmV3LWJsaW5kLWluZGV4LWtleS0zMi1ieXRlcy0wMDA=";
    private const string EncryptionKey = "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy0wMDA=";

    private static CertificateTokens Tokens(string indexKey, string? previous = null) => new(new SensitiveData(Options.Create(new SensitiveDataOptions
    {
        EncryptionKey = EncryptionKey, BlindIndexKey = indexKey, BlindIndexKeyId = previous is null ? null : "new",
        PreviousBlindIndexKey = previous, PreviousBlindIndexKeyId = previous is null ? null : "old",
    })));

    [Fact]
    public void ATokenIsFortyUrlSafeCharactersAndReadsBackToItsSeed()
    {
        var tokens = Tokens(OldIndexKey);
        var seed = tokens.NewSeed();
        var token = tokens.TokenFor(seed);
        Assert.Matches("^[A-Za-z0-9_-]{40}$", token);
        Assert.Equal(seed, tokens.SeedOf(token));
        Assert.Null(Tokens(NewIndexKey).SeedOf(token)); // another key: not ours
    }

    [Fact]
    public void APrintedTokenStillVerifiesDuringABlindIndexKeyRotation()
    {
        var before = Tokens(OldIndexKey);
        var seed = before.NewSeed();
        var printed = before.TokenFor(seed);

        var during = Tokens(NewIndexKey, previous: OldIndexKey);
        Assert.Equal(seed, during.SeedOf(printed));
        Assert.Equal(seed, during.SeedOf(during.TokenFor(seed)));
        Assert.NotEqual(printed, during.TokenFor(seed));
    }
}
