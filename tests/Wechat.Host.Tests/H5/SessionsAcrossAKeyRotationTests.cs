using Fund.Data.Security;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.H5;

/// <summary>
/// A session's Redis handle is an HMAC under the blind-index key: restarting the instances with a new index key must
/// not sign every citizen out. During the rotation a session is found under the previous key's handle and moved to the
/// new one, so it outlives the previous key's removal.
/// </summary>
public sealed class SessionsAcrossAKeyRotationTests : IAsyncLifetime
{
    private const string Encryption = "cHJvZC10ZXN0LWVuY3J5cHRpb24ta2V5LTMyYnl0ZXM=";
    private const string OldIndex = "b2xkLWJsaW5kLWluZGV4LWtleS1mb3ItdGVzdHMtMzI=";
    private const string NewIndex = "bmV3LWJsaW5kLWluZGV4LWtleS1mb3ItdGVzdHMtMzI=";
    private ConnectionMultiplexer redis = null!;

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379");
    public async Task DisposeAsync() => await redis.DisposeAsync();

    private H5SessionStore Store(string index, string? previousIndex) => new(redis, new SensitiveData(Options.Create(new SensitiveDataOptions
    {
        EncryptionKey = Encryption, BlindIndexKey = index, BlindIndexKeyId = index == NewIndex ? "i2" : "i1",
        PreviousBlindIndexKey = previousIndex, PreviousBlindIndexKeyId = previousIndex is null ? null : "i1",
    })), Options.Create(new HallSessionOptions()), TimeProvider.System);

    [Fact]
    public async Task ASessionFromBeforeTheRotationStaysSignedInAndMovesToTheNewKey()
    {
        var openId = "test-rotation-" + Guid.NewGuid().ToString("N")[..10];
        var before = await Store(OldIndex, null).CreateAsync(openId);

        var during = await Store(NewIndex, OldIndex).GetAsync(before.Id);
        Assert.Equal(openId, during?.OpenId);

        // After the previous key is dropped the session is still there: it was moved under the new key's handle.
        var after = Store(NewIndex, null);
        Assert.Equal(openId, (await after.GetAsync(before.Id))?.OpenId);
        Assert.False(await redis.GetDatabase().KeyExistsAsync("h5:session:" + before.Handle));
        await after.DeleteAsync(before.Id);
        Assert.Null(await after.GetAsync(before.Id));
    }
}
