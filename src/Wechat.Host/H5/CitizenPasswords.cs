using Fund.Core.Accounts;
using Fund.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Wechat.Host.H5;

/// <summary>Passwords and security answers, hashed as the demo seeder hashes them (Identity's PasswordHasher, keyed by 个人账号).</summary>
public sealed class CitizenPasswords
{
    private readonly PasswordHasher<string> hasher = new();

    public string Hash(string grzh, string secret) => hasher.HashPassword(grzh, secret);

    public bool Verify(string grzh, string hash, string secret) =>
        hasher.VerifyHashedPassword(grzh, hash, secret) != PasswordVerificationResult.Failed;

    // A hash of nothing anyone knows, checked when the identifier names no registered account, so the answer takes
    // as long as a real check and its timing does not tell which accounts exist.
    private readonly Lazy<string> decoy = new(() => new PasswordHasher<string>().HashPassword("decoy", Guid.NewGuid().ToString("N")));

    /// <summary>Spends the time of a real check and fails.</summary>
    public bool VerifyNothing(string secret)
    {
        hasher.VerifyHashedPassword("decoy", decoy.Value, secret);
        return false;
    }

    /// <summary>Answers are compared as typed, less surrounding spaces.</summary>
    public static string NormalizeAnswer(string answer) => answer.Trim();

    /// <summary>Why a new password is not acceptable for the account, or null (<see cref="PasswordPolicy"/>).</summary>
    public static string? Problem(string? password, PersonalAccount account) => PasswordPolicy.Problem(password, account.IdNumber, account.Phone);

    public static readonly IReadOnlyList<string> SecurityQuestions =
    [
        "您小学班主任的姓氏？",
        "您母亲的姓名？",
        "您的出生地？",
        "您最喜欢的一本书？",
    ];
}
