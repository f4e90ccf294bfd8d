namespace Fund.Core.Security;

/// <summary>At most <see cref="Max"/> failures within any <see cref="Window"/> (a sliding window).</summary>
public sealed record FailureLimit(int Max, TimeSpan Window);

/// <summary>
/// How many failed proofs of identity the citizens' sign-in tolerates. Every failure counts against the client
/// address and the WeChat user (OpenID) it came from, so one password sprayed over many account numbers is stopped
/// by the sprayer's own limits; a password sign-in also counts against the account, and its lock stops password
/// sign-in only: the owner can still prove who they are by SMS and security answer (password reset), which lifts it.
/// Counter staff and employer operators are held to the same account lock and the same address limit.
/// </summary>
public static class SignInRules
{
    /// <summary>Failures from one client address, whatever the account (a NAT may hide many citizens: generous).</summary>
    public static readonly FailureLimit PerAddress = new(30, TimeSpan.FromMinutes(15));

    /// <summary>Failures from one WeChat user, whatever the account.</summary>
    public static readonly FailureLimit PerOpenId = new(10, TimeSpan.FromMinutes(15));

    /// <summary>Wrong passwords for one account before password sign-in to it pauses.</summary>
    public const int WrongPasswordsBeforeLock = 5;

    /// <summary>How long the pause lasts, counted from the failure that set it; tries during it neither count nor extend it.</summary>
    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Sign-in forms posted from one address to the counter's or the employer hall's sign-in, right or wrong (the
    /// per-account lock comes on top); showing the page is not a try.
    /// </summary>
    public static readonly FailureLimit PostsPerAddress = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Refused sign-ins are kept as counts per window (and kind, account, asker, address), not a row per try.</summary>
    public static readonly TimeSpan RefusalWindow = TimeSpan.FromMinutes(15);

    /// <summary>The start of the refusal window <paramref name="utc"/> falls in.</summary>
    public static DateTime RefusalWindowStart(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % RefusalWindow.Ticks, DateTimeKind.Utc);

    /// <summary>Wrong security answers (after a proven SMS code) before the reset pauses for the account.</summary>
    public const int WrongAnswersBeforeLock = 5;
}
