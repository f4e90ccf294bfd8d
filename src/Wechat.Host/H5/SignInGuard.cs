using Wechat.Host.Limits;
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
    /// <summary>The current password re-typed by the bound citizen (password and phone change, withdrawal proof): its own count, not the sign-in lock.</summary>
    Confirm,
    /// <summary>A counter staff member's password (subject: the username, lower case).</summary>
    Staff,
    /// <summary>An employer operator's password at the employer hall (subject: 单位账号 and the blind index of the ID number).</summary>
    Operator,
}

/// <summary>
/// <see cref="Busy"/>: the account's remaining tries are all being checked right now; answered only after waiting
/// a moment for them to finish, so a parallel right try is never mistaken for a lock.
/// </summary>
public enum SignInVerdict { Allowed, ClientLimited, Locked, Busy }

/// <summary>
/// The outcome of <see cref="SignInGuard.BeginAsync"/>; pass it back to <see cref="SignInGuard.SucceededAsync"/> when
/// the proof holds and to <see cref="SignInGuard.FailedAsync"/> when it does not.
/// </summary>
public sealed record SignInAttempt(SignInVerdict Verdict, int TriesLeftIfWrong, SignInStep Step, string? Subject,
    string AddressKey, string? OpenIdKey, string Member)
{
    public bool Allowed => Verdict == SignInVerdict.Allowed;
}

/// <summary>
/// The one lockout and the client limits of every sign-in (citizens, counter staff, employer operators), in Redis so
/// that every instance shares them. Sliding windows of failed proofs (sorted sets scored by time):
/// <c>h5:signin:addr:{ip}</c>, <c>h5:signin:openid:{openid}</c> and, per account and step,
/// <c>h5:signin:fail:{step}:{subject}</c> with its lock <c>h5:signin:lock:{step}:{subject}</c>.
/// </summary>
/// <remarks>
/// <para>An attempt takes one of the account's tries <em>before</em> the slow check (a pending try), so a burst of
/// parallel guesses can never get more checks than tries are left. A pending try becomes a failure when the check
/// fails (or, should the instance die, after <see cref="PendingLifetime"/>) and is forgiven with the account's earlier
/// failures when it holds. Only failures lock: when the remaining tries are merely pending, a newcomer waits for them
/// instead of being told the account is locked, so parallel right tries all get in.</para>
/// <para>A locked attempt records nothing and leaves the lock's expiry alone: tries while locked neither count nor extend it.</para>
/// </remarks>
public sealed class SignInGuard(IConnectionMultiplexer redis, SensitiveData sensitive, IOptions<SignInOptions> options, TimeProvider clock)
{
    /// <summary>How long a try may be checked before it counts as a failure anyway (a check takes well under a second).</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromSeconds(15);

    /// <summary>How long a newcomer waits for the pending tries of an account before answering <see cref="SignInVerdict.Busy"/>.</summary>
    internal static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(3);

    // Counts the account's failures: failed tries, and pending ones older than the pending lifetime. Sets the lock at the limit.
    private const string CountFailures = """
        local function failures(key, now, pendingMs)
            local all = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
            local failed, pending = 0, 0
            for i = 1, #all, 2 do
                if string.sub(all[i], 1, 2) == 'p:' and tonumber(all[i + 1]) > now - pendingMs then pending = pending + 1 else failed = failed + 1 end
            end
            return failed, pending
        end
        """;

    // KEYS: address, openid, account tries, account lock. ARGV: now ms, member, address max, address window ms,
    // openid max (0: no OpenID), openid window ms, account max (0: no account count), lock ms, pending ms.
    // Returns {verdict, tries left}: 0 allowed, 1 client limited, 2 locked, 3 busy.
    private const string BeginScript = CountFailures + "\n" + """
        local now = tonumber(ARGV[1])
        local openIdMax = tonumber(ARGV[5])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[4]))
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return {1, 0} end
        if openIdMax > 0 then
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[6]))
            if redis.call('ZCARD', KEYS[2]) >= openIdMax then return {1, 0} end
        end
        local accountMax = tonumber(ARGV[7])
        local left = 0
        if accountMax > 0 then
            if redis.call('EXISTS', KEYS[4]) == 1 then return {2, 0} end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[8]))
            local failed, pending = failures(KEYS[3], now, tonumber(ARGV[9]))
            if failed >= accountMax then
                redis.call('SET', KEYS[4], '1', 'PX', ARGV[8])
                return {2, 0}
            end
            if failed + pending >= accountMax then return {3, 0} end
            redis.call('ZADD', KEYS[3], now, 'p:' .. ARGV[2])
            redis.call('PEXPIRE', KEYS[3], ARGV[8])
            left = accountMax - failed - pending - 1
        end
        redis.call('ZADD', KEYS[1], now, ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        if openIdMax > 0 then
            redis.call('ZADD', KEYS[2], now, ARGV[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[6])
        end
        return {0, left}
        """;

    // KEYS: account tries, account lock. ARGV: now ms, member, account max, lock ms, pending ms.
    private const string FailScript = CountFailures + "\n" + """
        local now = tonumber(ARGV[1])
        redis.call('ZREM', KEYS[1], 'p:' .. ARGV[2])
        redis.call('ZADD', KEYS[1], now, 'f:' .. ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        local failed = failures(KEYS[1], now, tonumber(ARGV[5]))
        if failed >= tonumber(ARGV[3]) then redis.call('SET', KEYS[2], '1', 'PX', ARGV[4]) end
        return failed
        """;

    /// <summary>
    /// Checks the limits and takes one of the account's tries until <see cref="SucceededAsync"/> forgives it or
    /// <see cref="FailedAsync"/> makes it a failure; the client's limits count it as a failure until forgiven.
    /// </summary>
    /// <param name="subject">The account (个人账号) for <see cref="SignInStep.Password"/>, <see cref="SignInStep.SecurityAnswer"/>
    /// and <see cref="SignInStep.Confirm"/>, the staff member or operator for theirs; see <see cref="UnknownSubject"/>
    /// for an identifier that names no account.</param>
    /// <param name="openId">The WeChat user asking, or null where there is none (staff, operators, the web hall).</param>
    public async Task<SignInAttempt> BeginAsync(SignInStep step, string? subject, string? openId, string address)
    {
        var limits = options.Value;
        var accountMax = step == SignInStep.Identity || subject is null ? 0 : MaxFor(step);
        RedisKey addressKey = "h5:signin:addr:" + address;
        var openIdKey = openId is null ? null : "h5:signin:openid:" + openId;
        var member = RandomTokens.New(12);
        // Timed on the guard's clock (the system's, but for tests that move time themselves).
        var waitingSince = clock.GetTimestamp();
        while (true)
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(BeginScript,
                [addressKey, (RedisKey)(openIdKey ?? "-"), FailKey(step, subject ?? "-"), LockKey(step, subject ?? "-")],
                [clock.GetUtcNow().ToUnixTimeMilliseconds(), member,
                 limits.FailuresPerAddress, (long)SignInRules.PerAddress.Window.TotalMilliseconds,
                 openIdKey is null ? 0 : limits.FailuresPerOpenId, (long)SignInRules.PerOpenId.Window.TotalMilliseconds,
                 accountMax, (long)SignInRules.LockTime.TotalMilliseconds, (long)PendingLifetime.TotalMilliseconds]))!;
            var verdict = (int)result[0] switch
            {
                0 => SignInVerdict.Allowed, 1 => SignInVerdict.ClientLimited, 2 => SignInVerdict.Locked, _ => SignInVerdict.Busy,
            };
            // The account's last tries are being checked right now: their answers decide whether this one may go.
            if (verdict == SignInVerdict.Busy && clock.GetElapsedTime(waitingSince) < BusyWait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(40));
                continue;
            }
            if (verdict != SignInVerdict.Allowed) Fund.Core.Telemetry.FundMetrics.SignInRefused(step, verdict);
            return new SignInAttempt(verdict, (int)result[1], step, subject, addressKey!, openIdKey, member);
        }
    }

    /// <summary>The proof held: this attempt is no failure, and the account's earlier failures at this step are forgiven.</summary>
    public async Task SucceededAsync(SignInAttempt attempt)
    {
        var db = redis.GetDatabase();
        await db.SortedSetRemoveAsync(attempt.AddressKey, attempt.Member);
        if (attempt.OpenIdKey is { } openIdKey) await db.SortedSetRemoveAsync(openIdKey, attempt.Member);
        if (attempt.Subject is { } subject) await ReleaseAsync(attempt.Step, subject);
    }

    /// <summary>The proof failed: the try becomes one of the account's failures (the client's limits counted it already).</summary>
    public async Task FailedAsync(SignInAttempt attempt)
    {
        if (attempt.Allowed) Fund.Core.Telemetry.FundMetrics.SignInRefused(attempt.Step, "wrong_proof");
        if (!attempt.Allowed || attempt.Subject is not { } subject || attempt.Step == SignInStep.Identity) return;
        await redis.GetDatabase().ScriptEvaluateAsync(FailScript, [FailKey(attempt.Step, subject), LockKey(attempt.Step, subject)],
            [clock.GetUtcNow().ToUnixTimeMilliseconds(), attempt.Member, MaxFor(attempt.Step),
             (long)SignInRules.LockTime.TotalMilliseconds, (long)PendingLifetime.TotalMilliseconds]);
    }

    /// <summary>Lifts the account's lock and count at a step: a proven password reset releases the password sign-in lock.</summary>
    public Task ReleaseAsync(SignInStep step, string subject) =>
        redis.GetDatabase().KeyDeleteAsync([FailKey(step, subject), LockKey(step, subject)]);

    /// <summary>Whether the step is locked for the account now (asked before sending an SMS that would lead to it).</summary>
    public Task<bool> IsLockedAsync(SignInStep step, string subject) => redis.GetDatabase().KeyExistsAsync(LockKey(step, subject));

    /// <summary>
    /// One more sign-in form posted from <paramref name="address"/> to <paramref name="area"/>; false beyond
    /// <see cref="SignInRules.PostsPerAddress"/>. Counted in Redis, so the limit holds however many instances answer.
    /// </summary>
    public async Task<bool> PostAllowedAsync(string area, string address) =>
        await WindowCounter.IncrementAsync(redis.GetDatabase(), $"h5:signin:posts:{area}:{address}", SignInRules.PostsPerAddress.Window)
            <= SignInRules.PostsPerAddress.Max;

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
