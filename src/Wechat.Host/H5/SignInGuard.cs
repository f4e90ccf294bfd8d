using Fund.Core.Security;
using Fund.Data.Security;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>What a failed proof counts against, besides the client address and the OpenID.</summary>
public enum SignInStep
{
    /// <summary>Password sign-in (bind): counts against the account and locks password sign-in only.</summary>
    Password,
    /// <summary>Name + ID number (+ phone and code): the client's limits only, so nobody can block a citizen's registration or reset.</summary>
    Identity,
    /// <summary>The security answer, asked only after an SMS code to the phone of record was proven.</summary>
    SecurityAnswer,
    /// <summary>The current password re-typed by the bound citizen (password and phone change): its own count, not the sign-in lock.</summary>
    Confirm,
}

public enum SignInVerdict { Allowed, ClientLimited, Locked }

/// <summary>The outcome of <see cref="SignInGuard.BeginAsync"/>; pass it back to <see cref="SignInGuard.SucceededAsync"/> when the proof holds.</summary>
public sealed record SignInAttempt(SignInVerdict Verdict, int TriesLeftIfWrong, SignInStep Step, string? Subject,
    string AddressKey, string OpenIdKey, string Member)
{
    public bool Allowed => Verdict == SignInVerdict.Allowed;
}

/// <summary>
/// Sliding windows of failed proofs in Redis (sorted sets scored by time): <c>h5:signin:addr:{ip}</c>,
/// <c>h5:signin:openid:{openid}</c> and, per account and step, <c>h5:signin:fail:{step}:{subject}</c> with its lock
/// <c>h5:signin:lock:{step}:{subject}</c>. An attempt is recorded as a failure <em>before</em> the slow check and
/// forgiven when it succeeds, so a burst of parallel guesses cannot all read "not limited yet".
/// </summary>
/// <remarks>
/// A locked attempt records nothing and leaves the lock's expiry alone: tries while locked neither count nor extend it.
/// </remarks>
public sealed class SignInGuard(IConnectionMultiplexer redis, SensitiveData sensitive, IOptions<SignInOptions> options, TimeProvider clock)
{
    // KEYS: address, openid, account failures, account lock. ARGV: now ms, member, address max, address window ms,
    // openid max, openid window ms, account max (0: no account count), lock ms.
    private const string BeginScript = """
        local now = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[4]))
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[6]))
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) or redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then
            return {1, 0}
        end
        local accountMax = tonumber(ARGV[7])
        local left = 0
        if accountMax > 0 then
            if redis.call('EXISTS', KEYS[4]) == 1 then return {2, 0} end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[8]))
            local n = redis.call('ZCARD', KEYS[3]) + 1
            redis.call('ZADD', KEYS[3], now, ARGV[2])
            redis.call('PEXPIRE', KEYS[3], ARGV[8])
            if n >= accountMax then redis.call('SET', KEYS[4], '1', 'PX', ARGV[8]) end
            left = accountMax - n
        end
        redis.call('ZADD', KEYS[1], now, ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('ZADD', KEYS[2], now, ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[6])
        return {0, left}
        """;

    /// <summary>
    /// Checks the limits and records this attempt as a failure until <see cref="SucceededAsync"/> forgives it.
    /// </summary>
    /// <param name="subject">The account (个人账号) for <see cref="SignInStep.Password"/>, <see cref="SignInStep.SecurityAnswer"/>
    /// and <see cref="SignInStep.Confirm"/>; see <see cref="UnknownSubject"/> for an identifier that names no account.</param>
    public async Task<SignInAttempt> BeginAsync(SignInStep step, string? subject, string openId, string address)
    {
        var limits = options.Value;
        var accountMax = step == SignInStep.Identity || subject is null ? 0 : MaxFor(step);
        RedisKey addressKey = "h5:signin:addr:" + address, openIdKey = "h5:signin:openid:" + openId;
        var member = RandomTokens.New(12);
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(BeginScript,
            [addressKey, openIdKey, FailKey(step, subject ?? "-"), LockKey(step, subject ?? "-")],
            [clock.GetUtcNow().ToUnixTimeMilliseconds(), member,
             limits.FailuresPerAddress, (long)SignInRules.PerAddress.Window.TotalMilliseconds,
             limits.FailuresPerOpenId, (long)SignInRules.PerOpenId.Window.TotalMilliseconds,
             accountMax, (long)SignInRules.LockTime.TotalMilliseconds]))!;
        var verdict = (int)result[0] switch { 0 => SignInVerdict.Allowed, 1 => SignInVerdict.ClientLimited, _ => SignInVerdict.Locked };
        return new SignInAttempt(verdict, (int)result[1], step, subject, addressKey!, openIdKey!, member);
    }

    /// <summary>The proof held: this attempt is no failure, and the account's earlier failures at this step are forgiven.</summary>
    public async Task SucceededAsync(SignInAttempt attempt)
    {
        var db = redis.GetDatabase();
        await db.SortedSetRemoveAsync(attempt.AddressKey, attempt.Member);
        await db.SortedSetRemoveAsync(attempt.OpenIdKey, attempt.Member);
        if (attempt.Subject is { } subject) await ReleaseAsync(attempt.Step, subject);
    }

    /// <summary>Lifts the account's lock and count at a step: a proven password reset releases the password sign-in lock.</summary>
    public Task ReleaseAsync(SignInStep step, string subject) =>
        redis.GetDatabase().KeyDeleteAsync([FailKey(step, subject), LockKey(step, subject)]);

    /// <summary>Whether the step is locked for the account now (asked before sending an SMS that would lead to it).</summary>
    public Task<bool> IsLockedAsync(SignInStep step, string subject) => redis.GetDatabase().KeyExistsAsync(LockKey(step, subject));

    /// <summary>
    /// The subject for a typed identifier that names no registered account: a keyed hash of it, so unknown and
    /// known identifiers count, lock and answer alike (the answers tell nobody which accounts exist).
    /// </summary>
    public string UnknownSubject(string typed) =>
        "?" + Convert.ToHexStringLower(sensitive.BlindIndex(SensitiveField.IdNumber, "signin:" + typed.Trim().ToUpperInvariant()))[..24];

    private static int MaxFor(SignInStep step) => step == SignInStep.SecurityAnswer ? SignInRules.WrongAnswersBeforeLock : SignInRules.WrongPasswordsBeforeLock;

    private static string StepName(SignInStep step) => step.ToString().ToLowerInvariant();

    private static RedisKey FailKey(SignInStep step, string subject) => $"h5:signin:fail:{StepName(step)}:{subject}";

    private static RedisKey LockKey(SignInStep step, string subject) => $"h5:signin:lock:{StepName(step)}:{subject}";
}

/// <summary><c>SignIn:*</c> — the client limits, for a deployment whose citizens sit behind one large NAT.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    public int FailuresPerAddress { get; set; } = SignInRules.PerAddress.Max;

    public int FailuresPerOpenId { get; set; } = SignInRules.PerOpenId.Max;
}
