using Microsoft.AspNetCore.Identity;

namespace Wechat.Host.H5;

/// <summary>Passwords and security answers, hashed as the demo seeder hashes them (Identity's PasswordHasher, keyed by 个人账号).</summary>
public sealed class CitizenPasswords
{
    private readonly PasswordHasher<string> hasher = new();

    public string Hash(string grzh, string secret) => hasher.HashPassword(grzh, secret);

    public bool Verify(string grzh, string hash, string secret) =>
        hasher.VerifyHashedPassword(grzh, hash, secret) != PasswordVerificationResult.Failed;

    /// <summary>Answers are compared as typed, less surrounding spaces.</summary>
    public static string NormalizeAnswer(string answer) => answer.Trim();

    /// <summary>Why a new password is not acceptable, or null: 8–20 characters with both letters and digits.</summary>
    public static string? Problem(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length is < 8 or > 20) return "密码长度须为8至20位";
        if (!password.Any(char.IsAsciiLetter) || !password.Any(char.IsAsciiDigit)) return "密码须同时包含字母和数字";
        return null;
    }

    public static readonly IReadOnlyList<string> SecurityQuestions =
    [
        "您小学班主任的姓氏？",
        "您母亲的姓名？",
        "您的出生地？",
        "您最喜欢的一本书？",
    ];
}
