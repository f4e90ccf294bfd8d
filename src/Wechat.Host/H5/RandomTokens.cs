using System.Security.Cryptography;

namespace Wechat.Host.H5;

/// <summary>Unguessable identifiers for sessions, OAuth states and dev codes.</summary>
internal static class RandomTokens
{
    public static string New(int bytes = 24) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
