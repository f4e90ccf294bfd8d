using System.Globalization;

namespace Wechat.Handlers.Protocol;

/// <summary>Refuses replays: a signed request is only good for a few minutes either side of our clock.</summary>
public static class TimestampWindow
{
    /// <summary>True when <paramref name="timestamp"/> (Unix seconds, digits only) is within the window of now.</summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now, int windowSeconds)
    {
        if (windowSeconds < 0
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        // seconds is never negative (NumberStyles.None), so the difference cannot overflow.
        var skew = now.ToUnixTimeSeconds() - seconds;
        return skew >= -windowSeconds && skew <= windowSeconds;
    }
}
