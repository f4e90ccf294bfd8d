using System.Security.Cryptography;

namespace Fund.Core.Security;

/// <summary>
/// Passwords the centre hands out (an operator's first password, a certificate's one-time password, the CA's
/// passphrase): letters and digits without the ones read wrongly on paper (I, l, O, 0, 1), from the OS's CSPRNG.
/// </summary>
public static class RandomPasswords
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public static string New(int length) =>
        string.Create(length, 0, (span, _) => { for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]; });
}
