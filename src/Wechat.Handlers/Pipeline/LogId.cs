using System.Security.Cryptography;
using System.Text;

namespace Wechat.Handlers.Pipeline;

/// <summary>
/// What logs say instead of an OpenID (a personal identifier): a short hash, stable so one user's lines can be
/// followed, useless for addressing or looking the user up.
/// </summary>
public static class LogId
{
    public static string Of(string openId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("wechatfund-log:" + openId)))[..12];
}
