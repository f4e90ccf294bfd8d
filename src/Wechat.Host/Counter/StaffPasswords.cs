using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;

namespace Wechat.Host.Counter;

/// <summary>
/// Staff password hashing and checking. An unknown username is checked against a dummy hash made by the same hasher,
/// so the login costs the same whether the name exists or not and its timing does not tell which names do.
/// </summary>
/// <remarks>The hasher is ASP.NET Core Identity's (PBKDF2), from the container so a test can count its work.</remarks>
public sealed class StaffPasswords
{
    private readonly IPasswordHasher<string> hasher;
    private readonly Lazy<string> dummyHash;

    public StaffPasswords(IPasswordHasher<string> hasher)
    {
        this.hasher = hasher;
        dummyHash = new(() => hasher.HashPassword("no-such-user", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));
    }

    public string Hash(string username, string password) => hasher.HashPassword(username, password);

    /// <summary>True only for an existing member whose password matches; the hash work is done either way.</summary>
    public bool Verify(CounterStaff? member, string username, string password) =>
        VerifyStored(member?.Username ?? username, member?.PasswordHash, password);

    /// <summary>
    /// True only when a stored hash exists and the password matches it; without one (an unknown employer operator,
    /// say) the password is checked against the dummy hash, so both answers cost the same hash work.
    /// </summary>
    public bool VerifyStored(string user, string? storedHash, string password)
    {
        var result = hasher.VerifyHashedPassword(user, storedHash ?? dummyHash.Value, password);
        return storedHash is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>Builds the dummy hash at start-up, so the first unknown name is not the slow one.</summary>
    public void Warm() => _ = dummyHash.Value;
}
