using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>
/// The <c>state</c> of each authorization we start: <c>h5:oauth:state:{state}</c> → the page to return to,
/// taken once on the way back, so a state is neither guessable nor replayable.
/// </summary>
public sealed class OAuthStateStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static RedisKey Key(string state) => $"h5:oauth:state:{state}";

    public async Task<string> StartAsync(string returnPath)
    {
        var state = RandomTokens.New(18);
        await redis.GetDatabase().StringSetAsync(Key(state), returnPath, Lifetime);
        return state;
    }

    /// <summary>The return path saved with this state, removing it; null for an unknown, expired or used state.</summary>
    public async Task<string?> TakeAsync(string state)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 64) return null;
        var path = await redis.GetDatabase().StringGetDeleteAsync(Key(state));
        return path.IsNullOrEmpty ? null : path.ToString();
    }
}
