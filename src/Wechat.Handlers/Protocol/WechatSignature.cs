using System.Security.Cryptography;
using System.Text;

namespace Wechat.Handlers.Protocol;

/// <summary>
/// WeChat's request signatures: <c>signature</c> over (token, timestamp, nonce) and <c>msg_signature</c> over
/// (token, timestamp, nonce, Encrypt). Both are the SHA-1 of the parts sorted and concatenated.
/// </summary>
public static class WechatSignature
{
    private const int Sha1Length = 20;

    /// <summary>Lowercase hex SHA-1 of the parts sorted ordinally and concatenated.</summary>
    public static string Compute(params string[] parts) => Convert.ToHexStringLower(Hash(parts));

    /// <summary>
    /// True when <paramref name="expectedHex"/> is the signature of the parts. Hex case is ignored; the digests are
    /// compared as bytes in fixed time, so a forger learns nothing from how long a refusal takes.
    /// </summary>
    public static bool Verify(string? expectedHex, params string[] parts)
    {
        if (expectedHex is null || expectedHex.Length != Sha1Length * 2)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[Sha1Length];
        if (Convert.FromHexString(expectedHex, expected, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Sha1Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, Hash(parts));
    }

    private static byte[] Hash(string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var sorted = (string[])parts.Clone();
        // PHP's sort() in Tencent's reference compares bytes; a culture-aware sort would put "B" after "a" and
        // reject genuine requests whose nonce or token mixes case or punctuation.
        Array.Sort(sorted, StringComparer.Ordinal);
        return SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted)));
    }
}
