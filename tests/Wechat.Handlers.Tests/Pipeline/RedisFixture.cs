using StackExchange.Redis;

namespace Wechat.Handlers.Tests.Pipeline;

/// <summary>The real Redis the scripts start (ConnectionStrings__Redis, else 127.0.0.1:16379).</summary>
public sealed class RedisFixture : IDisposable
{
    public RedisFixture()
    {
        var configuration = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379";
        Redis = ConnectionMultiplexer.Connect(configuration);
    }

    public IConnectionMultiplexer Redis { get; }

    public void Dispose() => Redis.Dispose();
}
