using Fund.Core.Accounts;

namespace Wechat.Host.H5;

/// <summary>The account a citizen session vouches for, whichever channel it came in by.</summary>
internal static class SessionAccount
{
    /// <summary>个人账号 of the hall session's sign-in, or of the account bound to the H5 session's OpenID; null for none.</summary>
    public static async Task<string?> GrzhOfAsync(this AccountQuery accounts, H5Session session, CancellationToken ct) =>
        session.InHall ? session.Grzh : (await accounts.ForOpenIdAsync(session.OpenId, ct))?.Grzh;
}
